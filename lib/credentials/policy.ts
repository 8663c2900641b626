import type { StrengthResult } from "@/lib/credentials/strength";

/**
 * The password rules, in one place for the browser meter and the server. The browser shows
 * them as the user types; the server re-checks every one before saving.
 */

export const STRENGTH_LABELS = ["Too Weak", "Poor", "Acceptable", "Strong", "Excellent"] as const;
export type StrengthLabel = (typeof STRENGTH_LABELS)[number];

export const STAFF_PASSWORD_POLICY = {
  minLength: 8,
  maxLength: 128,
  /** zxcvbn score needed to save: 2 = "Acceptable". */
  minScore: 2,
} as const;

export const CONTACT_PASSWORD_POLICY = { minLength: 8, maxLength: 128 } as const;

export type RuleId =
  | "minLength"
  | "maxLength"
  | "upper"
  | "lower"
  | "digit"
  | "symbol"
  | "letter"
  | "notUsername"
  | "notCommon"
  | "strength";

export type RuleResult = { id: RuleId; label: string; met: boolean };

export type PolicyResult = {
  ok: boolean;
  rules: RuleResult[];
  /** null until the strength estimator has run. */
  score: StrengthResult["score"] | null;
  label: StrengthLabel | null;
};

export type StaffPasswordContext = {
  username: string;
  /** Words an attacker would try first: name, company, product. */
  userInputs?: string[];
};

const has = {
  upper: (p: string) => /\p{Lu}/u.test(p),
  lower: (p: string) => /\p{Ll}/u.test(p),
  digit: (p: string) => /\p{Nd}/u.test(p),
  letter: (p: string) => /\p{L}/u.test(p),
  symbol: (p: string) => /[^\p{L}\p{Nd}\s]/u.test(p) || /\s/.test(p.trim()),
};

/** Words zxcvbn should treat as guessable for this user. */
export function personalWords(ctx: StaffPasswordContext): string[] {
  const local = ctx.username.split("@")[0] ?? "";
  return [ctx.username, local, ...(ctx.userInputs ?? []), "gatehouse", "inzant"]
    .flatMap((w) => [w, ...w.split(/[\s@._-]+/)])
    .map((w) => w.trim().toLowerCase())
    .filter((w) => w.length >= 3);
}

/** Staff rules: length, the four character classes, not the username, not common, "Acceptable" or better. */
export function evaluateStaffPassword(
  password: string,
  ctx: StaffPasswordContext,
  strength: StrengthResult | null,
): PolicyResult {
  const p = STAFF_PASSWORD_POLICY;
  const rules: RuleResult[] = [
    { id: "minLength", label: `At least ${p.minLength} characters`, met: password.length >= p.minLength },
    { id: "upper", label: "An upper-case letter", met: has.upper(password) },
    { id: "lower", label: "A lower-case letter", met: has.lower(password) },
    { id: "digit", label: "A number", met: has.digit(password) },
    { id: "symbol", label: "A symbol, such as ! # or -", met: has.symbol(password) },
    {
      id: "notUsername",
      label: "Not your username",
      met: password.length === 0 || password.trim().toLowerCase() !== ctx.username.trim().toLowerCase(),
    },
    { id: "maxLength", label: `At most ${p.maxLength} characters`, met: password.length <= p.maxLength },
  ];
  if (strength) {
    rules.push({ id: "notCommon", label: "Not a commonly used password", met: !strength.common });
    rules.push({
      id: "strength",
      label: `Strength at least "${STRENGTH_LABELS[p.minScore]}"`,
      met: strength.score >= p.minScore,
    });
  }
  return {
    ok: strength !== null && rules.every((r) => r.met),
    rules,
    score: strength?.score ?? null,
    label: strength ? STRENGTH_LABELS[strength.score] : null,
  };
}

/** Contact (storefront) rules: 8 to 128 characters with a letter and a digit. */
export function evaluateContactPassword(password: string): PolicyResult {
  const p = CONTACT_PASSWORD_POLICY;
  const rules: RuleResult[] = [
    { id: "minLength", label: `At least ${p.minLength} characters`, met: password.length >= p.minLength },
    { id: "letter", label: "A letter", met: has.letter(password) },
    { id: "digit", label: "A number", met: has.digit(password) },
    { id: "maxLength", label: `At most ${p.maxLength} characters`, met: password.length <= p.maxLength },
  ];
  return { ok: rules.every((r) => r.met), rules, score: null, label: null };
}

/** Which unmet rule to name first: the one that tells the user most. */
const MESSAGE_PRIORITY: RuleId[] = ["notUsername", "maxLength", "minLength", "upper", "lower", "letter", "digit", "symbol", "notCommon", "strength"];

/** The sentence to show next to the field for the most telling unmet rule. */
export function policyMessage(result: PolicyResult): string | undefined {
  if (result.ok) return undefined;
  const first = MESSAGE_PRIORITY.map((id) => result.rules.find((r) => r.id === id && !r.met)).find(Boolean);
  if (!first) return "Choose a stronger password.";
  switch (first.id) {
    case "minLength":
    case "maxLength":
      return `The password must have ${first.label.toLowerCase()}.`;
    case "notUsername":
      return "The password must not be your username.";
    case "notCommon":
      return "That password is too common. Choose one nobody else would use.";
    case "strength":
      return `That password is too easy to guess (strength "${result.label}"); it needs to reach "Acceptable". Add words or characters and avoid sequences like 1234 or abcd.`;
    default:
      return `The password needs ${first.label.charAt(0).toLowerCase()}${first.label.slice(1)}.`;
  }
}

/** Server-side check of a new staff password: runs the strength estimator too. */
export async function checkStaffPassword(password: string, ctx: StaffPasswordContext): Promise<PolicyResult> {
  const { estimateStrength } = await import("@/lib/credentials/strength");
  const strength = await estimateStrength(password, personalWords(ctx));
  return evaluateStaffPassword(password, ctx, strength);
}
