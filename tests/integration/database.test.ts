import { describe, expect, it } from "vitest";
import { openDatabase } from "@/db/client";

describe("opening the database", () => {
  it("explains an unreachable DATABASE_URL instead of throwing a driver error", async () => {
    await expect(
      openDatabase({ kind: "postgres", url: "postgres://gatehouse:secret@127.0.0.1:1/nowhere" }),
    ).rejects.toThrow(/cannot reach the PostgreSQL server named by DATABASE_URL \(postgres:\/\/gatehouse:\*\*\*@127\.0\.0\.1:1\/nowhere\)/);
  });
});
