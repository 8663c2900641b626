import { describe, expect, it } from "vitest";
import { evaluateContactPassword } from "@/lib/credentials/policy";
import { newTemporaryPassword, TEMP_PASSWORD_ALPHABET, TEMP_PASSWORD_LENGTH } from "@/lib/credentials/temporary-password";

describe("temporary passwords", () => {
  it("leaves out the characters people misread: 0 O 1 l I", () => {
    for (const c of "0O1lI") expect(TEMP_PASSWORD_ALPHABET).not.toContain(c);
    expect(new Set(TEMP_PASSWORD_ALPHABET).size).toBe(TEMP_PASSWORD_ALPHABET.length);
  });

  it("are at least 12 characters of that alphabet and always meet the contact rules", () => {
    expect(TEMP_PASSWORD_LENGTH).toBeGreaterThanOrEqual(12);
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const p = newTemporaryPassword();
      expect(p).toHaveLength(TEMP_PASSWORD_LENGTH);
      expect([...p].every((c) => TEMP_PASSWORD_ALPHABET.includes(c))).toBe(true);
      expect(evaluateContactPassword(p).ok).toBe(true);
      seen.add(p);
    }
    expect(seen.size).toBe(2000);
  });

  it("use every character of the alphabet", () => {
    const used = new Set(Array.from({ length: 500 }, () => newTemporaryPassword()).join(""));
    expect(used.size).toBe(TEMP_PASSWORD_ALPHABET.length);
  });
});
