import { expect, type APIRequestContext } from "@playwright/test";

export type Mail = { to: string; subject: string; text: string; html: string; sentAt: string };

/** Waits for the newest dev-mailbox message to `to` whose subject matches, sent after `since`. */
export async function waitForMail(
  request: APIRequestContext,
  to: string,
  subject: RegExp,
  since: Date,
): Promise<Mail> {
  let found: Mail | undefined;
  await expect
    .poll(
      async () => {
        const response = await request.get(`/api/dev/mailbox?to=${encodeURIComponent(to)}`);
        const messages = (await response.json()) as Mail[];
        found = messages.find((m) => subject.test(m.subject) && new Date(m.sentAt) >= new Date(since.getTime() - 1000));
        return Boolean(found);
      },
      { timeout: 15_000, message: `an email "${subject}" to ${to}` },
    )
    .toBe(true);
  return found!;
}

export async function mailCount(request: APIRequestContext, to: string): Promise<number> {
  const response = await request.get(`/api/dev/mailbox?to=${encodeURIComponent(to)}`);
  return ((await response.json()) as Mail[]).length;
}

/** The link (path and query) and the 6-digit code of a reset email. */
export function resetLinkAndCode(mail: Mail): { path: string; code: string } {
  const url = /(https?:\/\/\S+\/reset-password\?token=[A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
  const code = /\b(\d{6})\b/.exec(mail.text)?.[1];
  if (!url || !code) throw new Error(`no link or code in: ${mail.text}`);
  const parsed = new URL(url);
  return { path: `${parsed.pathname}${parsed.search}`, code };
}

/** The temporary password of a contact's "Your temporary password" email. */
export function temporaryPasswordOf(mail: Mail): string {
  const password = /Your temporary password:\s+(\S+)/.exec(mail.text)?.[1];
  if (!password) throw new Error(`no temporary password in: ${mail.text}`);
  return password;
}
