import { describe, expect, it } from "vitest";
import { contactSearchSchema } from "@/lib/contacts/search";
import { storeSlugSchema } from "@/lib/organizations/organizations";
import { fieldErrorsOf } from "@/lib/web/schemas";

describe("contactSearchSchema", () => {
  it("reads a search and a page, and falls back instead of failing on odd query strings", () => {
    expect(contactSearchSchema.parse({ q: "  Corner Store ", page: "2" })).toEqual({ q: "Corner Store", page: 2 });
    expect(contactSearchSchema.parse({})).toEqual({ q: "", page: 1 });
    expect(contactSearchSchema.parse({ q: "a", page: "two" })).toEqual({ q: "a", page: 1 });
    expect(contactSearchSchema.parse({ page: "0" }).page).toBe(1);
    expect(contactSearchSchema.parse({ page: "1e9" }).page).toBe(1);
    expect(contactSearchSchema.parse({ q: "x".repeat(500) }).q).toHaveLength(100);
  });

  it("refuses a search with a control character (the database refuses NUL) with a message", () => {
    for (const q of ["\u0000", "corner\u0000", "a\u001bb", "\u007f"]) {
      const result = contactSearchSchema.safeParse({ q });
      expect(result.success, JSON.stringify(q)).toBe(false);
      if (!result.success) expect(fieldErrorsOf(result.error).q).toMatch(/The search contains a character that is not allowed/);
    }
  });
});

describe("storeSlugSchema", () => {
  it("accepts organization slugs only", () => {
    expect(storeSlugSchema.parse("demo")).toBe("demo");
    expect(storeSlugSchema.parse("Other-Co")).toBe("other-co");
    for (const bad of ["", "-demo", "de mo", "demo/..", "a".repeat(64), "démo", "../admin", "demo\u0000"]) {
      expect(storeSlugSchema.safeParse(bad).success, bad).toBe(false);
    }
  });
});
