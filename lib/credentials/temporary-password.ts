import "server-only";
import { randomInt } from "node:crypto";
import { evaluateContactPassword } from "@/lib/credentials/policy";

/**
 * Characters of an emailed temporary password: letters and digits without the ones people
 * misread when typing from an email (0/O, 1/l/I).
 */
export const TEMP_PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

/** 12 characters of a 56-letter alphabet: about 70 bits, for a password that lives 48 hours and works once. */
export const TEMP_PASSWORD_LENGTH = 12;

/**
 * A new temporary password: uniform random characters (crypto.randomInt), drawn again until
 * it satisfies the contact rules (a letter and a digit), so it is always a valid password.
 */
export function newTemporaryPassword(length = TEMP_PASSWORD_LENGTH): string {
  for (;;) {
    let password = "";
    for (let i = 0; i < length; i++) password += TEMP_PASSWORD_ALPHABET[randomInt(TEMP_PASSWORD_ALPHABET.length)];
    if (evaluateContactPassword(password).ok) return password;
  }
}
