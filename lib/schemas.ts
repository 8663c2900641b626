import { z } from "zod";
import { appNames } from "@/db/schema";

/**
 * Input shapes shared by server actions, route handlers and tests. Every request field is
 * parsed through one of these before it reaches a lib/ verb.
 */

// Control characters (NUL included) never belong in a name or a password.
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

export const MAX_USERNAME_LENGTH = 254;
/** Generous, but bounded so nobody can make the server hash megabytes. */
export const MAX_SIGN_IN_PASSWORD_LENGTH = 1024;
/** Longer redirect targets are not ours (our paths are short); it also bounds the URL parser's work. */
export const MAX_REDIRECT_LENGTH = 2048;

export const usernameField = z
  .string({ error: "Enter your username." })
  .trim()
  .min(1, "Enter your username.")
  .max(MAX_USERNAME_LENGTH, `A username has at most ${MAX_USERNAME_LENGTH} characters.`)
  .refine((v) => !CONTROL_CHARS.test(v), "The username contains characters that are not allowed.");

export const signInPasswordField = z
  .string({ error: "Enter your password." })
  .min(1, "Enter your password.")
  .max(MAX_SIGN_IN_PASSWORD_LENGTH, "That password is too long.")
  .refine((v) => !v.includes("\u0000"), "The password contains characters that are not allowed.");

export const signInSchema = z.object({
  username: usernameField,
  password: signInPasswordField,
});
export type SignInInput = z.infer<typeof signInSchema>;

/**
 * Where to go after signing in (`callbackUrl`, `next`): an over-long or repeated value is
 * dropped here and the user lands on their own page; lib/safe-redirect.ts decides the rest.
 */
export const redirectTargetField = z.string().max(MAX_REDIRECT_LENGTH).optional().catch(undefined);

export const appNameField = z.enum(appNames, { error: `Choose an app: ${appNames.join(", ")}.` });

/** POST /api/app/session. */
export const appSignInSchema = z.object({
  username: usernameField,
  password: signInPasswordField,
  app: appNameField,
});
export type AppSignInInput = z.infer<typeof appSignInSchema>;

/** GET /api/app/reset-link?username=… */
export const resetLinkQuerySchema = z.object({ username: usernameField });

/** Reads a FormData into a plain object of its string fields (files and repeats are ignored). */
export function formFields(formData: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of formData) {
    if (typeof value === "string" && !(key in out) && !key.startsWith("$ACTION")) out[key] = value;
  }
  return out;
}

/** All field errors of a failed parse, first message per field. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    out[key] ??= issue.message;
  }
  return out;
}

const displayNameField = z
  .string({ error: "Enter the user's name." })
  .trim()
  .min(1, "Enter the user's name.")
  .max(100, "A name has at most 100 characters.")
  .refine((v) => !CONTROL_CHARS.test(v), "The name contains characters that are not allowed.");

/** Add user / User Details form. "Email to" is optional; an empty field clears it. */
export const userInputSchema = z.object({
  displayName: displayNameField,
  username: usernameField,
  emailTo: z
    .string()
    .trim()
    .max(254, "An email address has at most 254 characters.")
    .optional()
    .transform((v) => (v ? v : null))
    .pipe(z.email("Enter an email address, like name@company.com, or leave it empty.").nullable()),
  userType: z.enum(["admin", "dual", "device", "scanpack"], { error: "Choose a user type." }),
});

export const userIdField = z.uuid("Unknown user.");
