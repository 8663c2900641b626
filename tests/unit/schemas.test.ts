import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  appSignInSchema,
  redirectTargetField,
  fieldErrorsOf,
  formFields,
  notAllowedMessage,
  pageNumberField,
  parseSearchParams,
  passwordField,
  resetLinkQuerySchema,
  searchQueryField,
  signInSchema,
  textField,
  userInputSchema,
} from "@/lib/web/schemas";

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

describe("textField: no control characters in any input", () => {
  const controls = ["\u0000", "\u0001", "\u0008", "\t", "\n", "\r", "\u001b", "\u001f", "\u007f"];

  it("refuses NUL and every other C0 control character and DEL, naming the value", () => {
    const field = textField("The thing");
    for (const c of controls) {
      const result = field.safeParse(`a${c}b`);
      expect(result.success, JSON.stringify(c)).toBe(false);
      if (!result.success) expect(result.error.issues[0]!.message).toBe(notAllowedMessage("The thing"));
    }
  });

  it("accepts what people type: accents, emoji, symbols, spaces", () => {
    for (const v of ["Zoë O'Brien", "😀 café", "a b", "<b>&amp;</b>", "\u00a0", "\u202e"]) {
      expect(textField("The thing").parse(v)).toBe(v);
    }
  });

  it("guards every string field of the shared schemas", () => {
    const valid = { displayName: "Jane", username: "jane@demo.test", emailTo: "", userType: "device" };
    for (const [schema, input, field] of [
      [signInSchema, { username: "a\u0000", password: "x" }, "username"],
      [signInSchema, { username: "a", password: "x\u0001" }, "password"],
      [appSignInSchema, { username: "a", password: "x\u0000", app: "sales-plus" }, "password"],
      [resetLinkQuerySchema, { username: "\u0000" }, "username"],
      [userInputSchema, { ...valid, displayName: "Jane\u0000" }, "displayName"],
      [userInputSchema, { ...valid, username: "jane@demo.test\u0000" }, "username"],
      [userInputSchema, { ...valid, emailTo: "jane@demo.test\u0000" }, "emailTo"],
      [z.object({ p: passwordField("The new password") }), { p: "Valid-Pass-91!\u0000" }, "p"],
      [z.object({ q: searchQueryField }), { q: "corner\u0000" }, "q"],
    ] as [z.ZodType, Record<string, unknown>, string][]) {
      const result = schema.safeParse(input);
      expect(result.success, `${field} ${JSON.stringify(input)}`).toBe(false);
      if (!result.success) expect(fieldErrorsOf(result.error)[field]).toMatch(/not allowed/);
    }
  });

  it("drops a bad callbackUrl instead of refusing the sign-in", () => {
    expect(z.object({ next: redirectTargetField }).parse({ next: "/admin\u0000" })).toEqual({});
  });
});

describe("parseSearchParams", () => {
  const Params = z.object({ q: searchQueryField, page: pageNumberField });

  it("parses a page's search parameters, the last of a repeated one", () => {
    expect(parseSearchParams(Params, { q: ["old", " new "], page: "3" })).toEqual({ data: { q: "new", page: 3 }, errors: {} });
    expect(parseSearchParams(Params, {})).toEqual({ data: { q: "", page: 1 }, errors: {} });
  });

  it("drops a refused field, keeps the rest, and returns the message to show", () => {
    const { data, errors } = parseSearchParams(Params, { q: "\u0000", page: "2" });
    expect(data).toEqual({ q: "", page: 2 });
    expect(errors).toEqual({ q: notAllowedMessage("The search") });
  });
});
