import { describe, expect, it } from "vitest";
import { checkContactPasswordPair, checkCurrentPassword, checkResetCode, checkStaffPasswordPair } from "@/lib/web/form-checks";

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}

describe("the browser's first check of a new-password form", () => {
  const ctx = { username: "meg@e2e.test" };

  it("names empty fields, a mismatch and the first unmet rule", () => {
    expect(checkStaffPasswordPair(form({}), ctx)).toEqual({ newPassword: "Enter a new password.", confirmPassword: "Type the new password again." });
    expect(checkStaffPasswordPair(form({ newPassword: "Copper-Meadow-58!", confirmPassword: "Copper-Meadow-58" }), ctx)).toEqual({
      newPassword: undefined,
      confirmPassword: "The two new passwords do not match.",
    });
    expect(checkStaffPasswordPair(form({ newPassword: "lantern-meadow", confirmPassword: "lantern-meadow" }), ctx).newPassword).toBe(
      "The password needs an upper-case letter.",
    );
    expect(checkStaffPasswordPair(form({ newPassword: "meg@e2e.test", confirmPassword: "meg@e2e.test" }), ctx).newPassword).toBe(
      "The password must not be your username.",
    );
  });

  it("leaves the strength estimate to the server: a password meeting every quick rule passes", () => {
    expect(checkStaffPasswordPair(form({ newPassword: "Password1!", confirmPassword: "Password1!" }), ctx)).toEqual({
      newPassword: undefined,
      confirmPassword: undefined,
    });
  });

  it("uses the contact rules for contacts", () => {
    expect(checkContactPasswordPair(form({ newPassword: "abcdefgh", confirmPassword: "abcdefgh" })).newPassword).toBe("The password needs a number.");
    expect(checkContactPasswordPair(form({ newPassword: "abcdefg1", confirmPassword: "abcdefg1" }))).toEqual({ newPassword: undefined, confirmPassword: undefined });
  });

  it("checks the code and the existing password", () => {
    expect(checkResetCode(form({ code: "12345" }))).toBe("Enter the 6-digit code from the email.");
    expect(checkResetCode(form({ code: " 123456 " }))).toBeUndefined();
    expect(checkCurrentPassword(form({}))).toBe("Enter your existing password.");
    expect(checkCurrentPassword(form({ currentPassword: "x" }))).toBeUndefined();
  });
});
