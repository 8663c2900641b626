import { describe, expect, it } from "vitest";
import { contactSearchSchema } from "@/lib/contacts";
import { storeSlugSchema } from "@/lib/organizations";

describe("contactSearchSchema", () => {
  it("reads a search and a page, and falls back instead of failing on odd query strings", () => {
    expect(contactSearchSchema.parse({ q: "  Corner Store ", page: "2" })).toEqual({ q: "Corner Store", page: 2 });
    expect(contactSearchSchema.parse({})).toEqual({ q: "", page: 1 });
    expect(contactSearchSchema.parse({ q: ["a", "b"], page: "two" })).toEqual({ q: "", page: 1 });
    expect(contactSearchSchema.parse({ page: "0" }).page).toBe(1);
    expect(contactSearchSchema.parse({ page: "1e9" }).page).toBe(1);
    expect(contactSearchSchema.parse({ q: "x".repeat(500) }).q).toHaveLength(100);
  });
});

describe("storeSlugSchema", () => {
  it("accepts organization slugs only", () => {
    expect(storeSlugSchema.parse("demo")).toBe("demo");
    expect(storeSlugSchema.parse("Other-Co")).toBe("other-co");
    for (const bad of ["", "-demo", "de mo", "demo/..", "a".repeat(64), "démo", "../admin"]) {
      expect(storeSlugSchema.safeParse(bad).success, bad).toBe(false);
    }
  });
});
