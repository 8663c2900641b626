import { desc, eq, sql } from "drizzle-orm";
import { getDb } from "@/lib/infra/database";
import { emailOutbox } from "@/db/schema";

/** The newest message to `to` still in the outbox (before delivery purges its body). */
export async function latestEmailTo(to: string) {
  const db = await getDb();
  const [row] = await db
    .select({ id: emailOutbox.id, subject: emailOutbox.subject, text: emailOutbox.text, html: emailOutbox.html, template: emailOutbox.template })
    .from(emailOutbox)
    .where(sql`lower(${emailOutbox.toAddress}) = lower(${to})`)
    .orderBy(desc(emailOutbox.createdAt))
    .limit(1);
  return row ?? null;
}

export async function countEmailsTo(to: string, template?: string): Promise<number> {
  const db = await getDb();
  const rows = await db
    .select({ id: emailOutbox.id, template: emailOutbox.template })
    .from(emailOutbox)
    .where(eq(emailOutbox.toAddress, to));
  return rows.filter((r) => !template || r.template === template).length;
}

/** The link token and 6-digit code of a reset email. */
export function resetSecretsOf(email: { text: string | null }) {
  const text = email.text ?? "";
  const token = /reset-password\?token=([A-Za-z0-9_-]+)/.exec(text)?.[1];
  const code = /\b(\d{6})\b/.exec(text)?.[1];
  if (!token || !code) throw new Error(`no token or code in: ${text.slice(0, 200)}`);
  return { token, code };
}
