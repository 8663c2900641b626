import { describe, expect, it } from "vitest";
import {
  checkStaffPassword,
  evaluateContactPassword,
  evaluateStaffPassword,
  personalWords,
  policyMessage,
  STRENGTH_LABELS,
} from "@/lib/credentials/policy";
import { estimateStrength } from "@/lib/credentials/strength";

const ctx = { username: "jane.doe@acme.test", userInputs: ["Jane Doe", "Acme Wholesale"] };

describe("staff password policy", () => {
  it("labels zxcvbn scores as the help articles do", () => {
    expect(STRENGTH_LABELS).toEqual(["Too Weak", "Poor", "Acceptable", "Strong", "Excellent"]);
  });

  it("lists each unmet composition rule while the user types", () => {
    const result = evaluateStaffPassword("abc", ctx, null);
    expect(result.ok).toBe(false);
    expect(result.rules.filter((r) => !r.met).map((r) => r.id)).toEqual(["minLength", "upper", "digit", "symbol"]);
    expect(result.label).toBeNull();
  });

  it("accepts a long, varied password", async () => {
    const result = await checkStaffPassword("Violet-Harbour-Lamp-42!", ctx);
    expect(result.ok).toBe(true);
    expect(result.score).toBeGreaterThanOrEqual(3);
    expect(policyMessage(result)).toBeUndefined();
  });

  it("refuses composition-compliant but guessable passwords", async () => {
    for (const weak of ["Password1!", "Aaaaaaa1!", "Abcd1234!", "Qwerty123!"]) {
      const result = await checkStaffPassword(weak, ctx);
      expect(result.ok, weak).toBe(false);
      expect(result.rules.filter((r) => !r.met).map((r) => r.id), weak).toEqual(expect.arrayContaining([expect.stringMatching(/strength|notCommon/)]));
    }
  });

  it("treats the user's own words as guessable", async () => {
    // The same password scores lower for the user whose name and company it is made of.
    const forJane = await checkStaffPassword("Acmejane1!", ctx);
    const forStranger = await estimateStrength("Acmejane1!", []);
    expect(forJane.score!).toBeLessThan(forStranger.score);
    expect(personalWords(ctx)).toEqual(expect.arrayContaining(["jane.doe@acme.test", "jane", "doe", "acme", "wholesale"]));
  });

  it("refuses the username itself, whatever its case", async () => {
    const result = await checkStaffPassword("JANE.DOE@ACME.TEST", ctx);
    expect(result.rules.find((r) => r.id === "notUsername")?.met).toBe(false);
    expect(policyMessage(result)).toBe("The password must not be your username.");
  });

  it("refuses 129 characters and more", async () => {
    const result = await checkStaffPassword(`Xy7!${"q".repeat(125)}`, ctx);
    expect(result.rules.find((r) => r.id === "maxLength")?.met).toBe(false);
    expect(policyMessage(result)).toBe("The password must have at most 128 characters.");
  });
});

describe("contact password policy", () => {
  it("needs 8 characters with a letter and a digit", () => {
    expect(evaluateContactPassword("abcdefgh").ok).toBe(false);
    expect(evaluateContactPassword("12345678").ok).toBe(false);
    expect(evaluateContactPassword("abcdefg1").ok).toBe(true);
    expect(evaluateContactPassword("abc1").ok).toBe(false);
    expect(evaluateContactPassword(`a1${"x".repeat(127)}`).ok).toBe(false);
  });
});
