import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema.ts",
  out: "./db/migrations",
  // `db:studio` and `db:migrate` against a server; generation needs no database.
  dbCredentials: { url: process.env.DATABASE_URL ?? "postgres://127.0.0.1:5432/gatehouse" },
  casing: "snake_case",
  strict: true,
});
