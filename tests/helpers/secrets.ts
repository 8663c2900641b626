/**
 * The secrets a test run handed out (link tokens, 6-digit codes and temporary passwords from
 * the mail it sent, plus the passwords it typed), and where any of them shows up in a server's
 * output. Used by the reliability harness and the e2e run's log check.
 */

/** Every link token, 6-digit code and temporary password in one email's text. */
export function secretsInMail(text: string): string[] {
  const found = new Set<string>();
  for (const [, token] of text.matchAll(/[?&]token=([A-Za-z0-9_-]{16,})/g)) found.add(token!);
  for (const [, code] of text.matchAll(/\b(\d{6})\b/g)) found.add(code!);
  for (const [, password] of text.matchAll(/temporary password:\s+(\S+)/gi)) found.add(password!);
  return [...found];
}

/** The secrets (never the log lines: a report must not spread them further) found in a log. */
export function leakedSecrets(log: string, secrets: Iterable<string>): string[] {
  const leaks: string[] = [];
  for (const secret of new Set(secrets)) {
    if (secret.length < 6) continue;
    // A 6-digit code only counts as a word of its own (not inside a longer number).
    const pattern = /^\d+$/.test(secret) ? new RegExp(`(?<!\\d)${secret}(?!\\d)`) : null;
    if (pattern ? pattern.test(log) : log.includes(secret)) leaks.push(`${secret.slice(0, 2)}… (${secret.length} characters)`);
  }
  return leaks;
}
