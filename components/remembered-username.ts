"use client";

/**
 * The username a reset was just completed for, handed to the sign-in form so it is prefilled
 * (and a password manager offers the new password). Kept in this tab's sessionStorage, not in
 * the URL, so an email address never lands in history or access logs.
 */
const KEY = "gatehouse:reset-username";

export function rememberSignInUsername(username: string): void {
  try {
    if (username) sessionStorage.setItem(KEY, username);
  } catch {
    // Storage refused (private mode): the person types the username.
  }
}

/** Reads and forgets it: it fills one sign-in form, once. */
export function takeSignInUsername(): string | null {
  try {
    const value = sessionStorage.getItem(KEY);
    sessionStorage.removeItem(KEY);
    return value;
  } catch {
    return null;
  }
}
