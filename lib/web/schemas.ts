import { z } from "zod";
import { SESSION_MESSAGES } from "@/lib/copy/messages";
import { NEW_PASSWORD_COPY } from "@/lib/copy/password";
import { appNames, userTypes } from "@/lib/staff/user-types";

/**
 * Input shapes shared by server actions, route handlers and tests. Every request field is
 * parsed through one of these before it reaches a lib/ verb.
 */

/*
 * C0 control characters and DEL. PostgreSQL refuses a NUL in text outright (the request would
 * fail with a server error); the others only hide what a value really is, in the console, in
 * emails and in the audit trail. No field here takes more than one line, so none allows tab or
 * line breaks; a multi-line field would exempt \t, \n and \r.
 */
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

/** The message of a value with a control character in it ("The username contains …"). */
export function notAllowedMessage(what: string): string {
  return `${what} contains a character that is not allowed (a control character such as NUL).`;
}

/**
 * The base of every string any input schema reads (form fields, search parameters, API bodies):
 * a string without control characters. `what` names the value in the message.
 */
export function textField(what: string, params?: { error: string }) {
  return z.string(params).refine((v) => !CONTROL_CHARS.test(v), notAllowedMessage(what));
}

export const MAX_USERNAME_LENGTH = 254;
/** Generous, but bounded so nobody can make the server hash megabytes. */
export const MAX_SIGN_IN_PASSWORD_LENGTH = 1024;
/** Longer redirect targets are not ours (our paths are short); it also bounds the URL parser's work. */
export const MAX_REDIRECT_LENGTH = 2048;

export const ENTER_USERNAME = "Enter your username.";

export const USERNAME_TOO_LONG = `A username has at most ${MAX_USERNAME_LENGTH} characters.`;

export const usernameField = textField("The username", { error: ENTER_USERNAME })
  .trim()
  .min(1, ENTER_USERNAME)
  .max(MAX_USERNAME_LENGTH, USERNAME_TOO_LONG);

/**
 * A password as typed. Control characters are refused here too, before any argon2 work: no
 * keyboard types them into a password field, a new password could not contain them (the same
 * schema guards every form that sets one), so a sign-in with one cannot be right.
 */
const PASSWORD_TOO_LONG = "That password is too long.";

export function passwordField(what = "The password") {
  return textField(what).max(MAX_SIGN_IN_PASSWORD_LENGTH, PASSWORD_TOO_LONG);
}

/** The new password and its confirmation, on every form that sets one (lib/ checks that they match). */
export const newPasswordFields = {
  newPassword: passwordField("The new password").min(1, NEW_PASSWORD_COPY.enterNew),
  confirmPassword: passwordField("The new password").min(1, NEW_PASSWORD_COPY.typeAgain),
};

const ENTER_PASSWORD = "Enter your password.";

export const signInPasswordField = textField("The password", { error: ENTER_PASSWORD })
  .min(1, ENTER_PASSWORD)
  .max(MAX_SIGN_IN_PASSWORD_LENGTH, PASSWORD_TOO_LONG);

export const signInSchema = z.object({
  username: usernameField,
  password: signInPasswordField,
});
export type SignInInput = z.infer<typeof signInSchema>;

/**
 * Where to go after signing in (`callbackUrl`, `next`): an over-long or repeated value is
 * dropped here and the user lands on their own page; lib/safe-redirect.ts decides the rest.
 */
export const redirectTargetField = textField("The return address").max(MAX_REDIRECT_LENGTH).optional().catch(undefined);

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

const ENTER_NAME = "Enter the user's name.";

export const displayNameField = textField("The name", { error: ENTER_NAME })
  .trim()
  .min(1, ENTER_NAME)
  .max(100, "A name has at most 100 characters.");

export const MAX_EMAIL_LENGTH = 254;
export const EMAIL_TOO_LONG = `An email address has at most ${MAX_EMAIL_LENGTH} characters.`;

/** An email address someone types to be found by ("Send me reset password instructions"). */
const ENTER_EMAIL = "Enter your email address.";

export const emailField = textField("The email address", { error: ENTER_EMAIL })
  .trim()
  .min(1, ENTER_EMAIL)
  .max(MAX_EMAIL_LENGTH, EMAIL_TOO_LONG)
  .pipe(z.email("Enter an email address, like name@company.com."));

/** Add user / User Details form. "Email to" is optional; an empty field clears it. */
export const userInputSchema = z.object({
  displayName: displayNameField,
  username: usernameField,
  emailTo: textField("The address")
    .trim()
    .max(MAX_EMAIL_LENGTH, EMAIL_TOO_LONG)
    .optional()
    .transform((v) => (v ? v : null))
    .pipe(z.email("Enter an email address, like name@company.com, or leave it empty.").nullable()),
  userType: z.enum(userTypes, { error: "Choose a user type." }),
});

export const userIdField = z.uuid("Unknown user.");

/** A session of a session list (its Sign out button). */
export const sessionIdField = z.uuid(SESSION_MESSAGES.notFound);

export const MAX_SEARCH_LENGTH = 100;

/**
 * A search box's text (Users, Contacts, the apps' contact search). Longer text is cut rather
 * than refused (the box itself stops at 100); a control character is refused with a message.
 */
export const searchQueryField = textField("The search")
  .transform((q) => q.trim().slice(0, MAX_SEARCH_LENGTH))
  .default("");

/** A page number from a URL: anything odd means the first page. */
export const pageNumberField = z.coerce.number().int().min(1).max(10_000).catch(1).default(1);

/**
 * A page's search parameters. Unlike a form, a URL is never refused as a whole: a field that
 * fails is dropped (so its default applies) and its message returned for the page to show.
 * For schemas whose every field is optional or has a default. A repeated parameter counts
 * once (the last), as in the API's readQuery.
 */
export function parseSearchParams<S extends z.ZodObject>(
  schema: S,
  raw: Record<string, string | string[] | undefined>,
): { data: z.infer<S>; errors: Record<string, string> } {
  const values = Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, Array.isArray(value) ? value.at(-1) : value]));
  const first = schema.safeParse(values);
  if (first.success) return { data: first.data, errors: {} };
  const errors = fieldErrorsOf(first.error);
  const rest = Object.fromEntries(Object.entries(values).filter(([key]) => !(key in errors)));
  return { data: schema.parse(rest), errors };
}

/** Whether an id from a cookie or a URL can name a row at all (so no query runs for junk). */
export const isUuid = (value: string) => z.uuid().safeParse(value).success;
