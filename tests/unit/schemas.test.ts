import { describe, expect, it } from "vitest";
import { fieldErrorsOf, formFields, signInSchema } from "@/lib/schemas";

describe("signInSchema", () => {
  it("accepts a username and password, trimming the username", () => {
    expect(signInSchema.parse({ username: "  admin@demo.test ", password: " secret " })).toEqual({
      username: "admin@demo.test",
      password: " secret ",
    });
  });

  it("reports every bad field with a readable message", () => {
    const result = signInSchema.safeParse({ username: "", password: "" });
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(fieldErrorsOf(result.error)).toEqual({ username: "Enter your username.", password: "Enter your password." });
    }
  });

  it("refuses over-long, control-character and non-string input", () => {
    const cases: [unknown, string][] = [
      [{ username: "a".repeat(10_240), password: "x" }, "username"],
      [{ username: "admin\u0000@demo.test", password: "x" }, "username"],
      [{ username: "admin@demo.test", password: "x\u0000y" }, "password"],
      [{ username: "admin@demo.test", password: "x".repeat(2000) }, "password"],
      [{ username: 42, password: "x" }, "username"],
      [{ username: ["a"], password: "x" }, "username"],
      [{ username: "admin@demo.test", password: { $ne: "" } }, "password"],
    ];
    for (const [input, field] of cases) {
      const result = signInSchema.safeParse(input);
      expect(result.success, JSON.stringify(input).slice(0, 60)).toBe(false);
      if (!result.success) expect(Object.keys(fieldErrorsOf(result.error))).toContain(field);
    }
  });
});

describe("formFields", () => {
  it("keeps the first string value of each field and drops files and Next.js internals", () => {
    const form = new FormData();
    form.append("username", "a");
    form.append("username", "b");
    form.append("$ACTION_ID_123", "");
    form.append("upload", new Blob(["x"]), "x.txt");
    expect(formFields(form)).toEqual({ username: "a" });
  });
});
