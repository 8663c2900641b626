import "server-only";
import type { ReactElement } from "react";
import { render, toPlainText } from "@react-email/components";
import { and, eq, sql } from "drizzle-orm";
import { getDb, type Executor } from "@/lib/infra/database";
import { emailOutbox } from "@/db/schema";
import { recordAudit } from "@/lib/audit/events";
import { env } from "@/lib/infra/env";
import { getTransport, MAIL_SEND_TIMEOUT_MS } from "@/lib/mail/transports";

/**
 * The transactional outbox: a message is written in the same transaction as the change
 * that needs it, then delivered after the response. Delivery claims rows with a lease
 * (FOR UPDATE SKIP LOCKED), so several instances share the work without sending twice, and
 * a sender that dies mid-send leaves the row for another to retry once the lease runs out.
 */

export const MAIL_DELIVERY = {
  maxAttempts: env.MAIL_MAX_ATTEMPTS,
  retryBaseSeconds: env.MAIL_RETRY_BASE_SECONDS,
  /** Longer than one send may take, so a live sender never loses its lease. */
  leaseSeconds: Math.ceil(MAIL_SEND_TIMEOUT_MS / 1000) * 3,
  batchSize: 20,
} as const;

export type RenderedEmail = { html: string; text: string };

export type EnqueueEmail = {
  to: string;
  /** The sender's display name, e.g. the organization a contact buys from; MAIL_FROM's name otherwise. */
  fromName?: string | null;
  subject: string;
  template: string;
  /** The template, or its bodies rendered beforehand (see renderEmail). */
  element: ReactElement | RenderedEmail;
  organizationId?: string | null;
  subjectUserId?: string | null;
};

/**
 * HTML and plain-text bodies of a template. The text comes from the rendered HTML (what
 * `render(…, { plainText: true })` does after rendering the template a second time), which
 * halves the CPU an email costs. Callers on a hot path render before opening a transaction.
 */
export async function renderEmail(element: ReactElement): Promise<RenderedEmail> {
  const html = await render(element);
  return { html, text: toPlainText(html) };
}

function isRendered(element: ReactElement | RenderedEmail): element is RenderedEmail {
  return typeof (element as RenderedEmail).html === "string" && typeof (element as RenderedEmail).text === "string";
}

export async function enqueueEmail(ex: Executor, message: EnqueueEmail): Promise<string> {
  const { html, text } = isRendered(message.element) ? message.element : await renderEmail(message.element);
  const [row] = await ex
    .insert(emailOutbox)
    .values({
      toAddress: message.to,
      fromName: message.fromName ?? null,
      subject: message.subject,
      template: message.template,
      html,
      text,
      organizationId: message.organizationId ?? null,
      subjectUserId: message.subjectUserId ?? null,
    })
    .returning({ id: emailOutbox.id });
  return row!.id;
}

/** Backoff after the n-th failed attempt: base, 2×base, 4×base … capped at one hour. */
export function retryDelaySeconds(attempt: number, retryAfterSeconds?: number): number {
  const backoff = Math.min(3600, MAIL_DELIVERY.retryBaseSeconds * 2 ** Math.max(0, attempt - 1));
  return Math.max(backoff, Math.min(3600, retryAfterSeconds ?? 0));
}

type Claimed = {
  id: string;
  to_address: string;
  from_name: string | null;
  subject: string;
  html: string | null;
  text: string | null;
  attempts: number;
  organization_id: string | null;
  subject_user_id: string | null;
};

async function claimDue(ids?: string[]): Promise<Claimed[]> {
  const db = await getDb();
  const only = ids?.length ? sql`and id in ${ids}` : sql``;
  const result = await db.execute(sql`
    update email_outbox
       set locked_until = now() + make_interval(secs => ${MAIL_DELIVERY.leaseSeconds}),
           attempts = attempts + 1
     where id in (
       select id from email_outbox
        where status = 'pending'
          and next_attempt_at <= now()
          and (locked_until is null or locked_until < now())
          ${only}
        order by next_attempt_at
        limit ${MAIL_DELIVERY.batchSize}
        for update skip locked)
    returning id, to_address, from_name, subject, html, text, attempts, organization_id, subject_user_id`);
  return rowsOf<Claimed>(result);
}

/** postgres.js returns an array; PGlite returns { rows }. */
function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : ((result as { rows?: T[] }).rows ?? [])) as T[];
}

/**
 * Sends what is due (or just `ids`). Returns how many were sent. Never throws for a
 * provider failure: the row is rescheduled or, out of attempts, marked failed and audited.
 */
export async function deliverDueEmails(ids?: string[]): Promise<number> {
  const transport = getTransport();
  if (!transport) return 0;
  const db = await getDb();
  let sent = 0;
  for (const row of await claimDue(ids)) {
    const result = await transport.send({
      id: row.id,
      to: row.to_address,
      fromName: row.from_name,
      subject: row.subject,
      html: row.html ?? "",
      text: row.text ?? "",
    });
    if (result.ok) {
      sent++;
      // The bodies may hold a code or a temporary password: keep only the envelope.
      await db
        .update(emailOutbox)
        .set({ status: "sent", sentAt: new Date(), html: null, text: null, lockedUntil: null, providerId: result.providerId, lastError: null })
        .where(eq(emailOutbox.id, row.id));
      continue;
    }
    const outOfAttempts = result.permanent || row.attempts >= MAIL_DELIVERY.maxAttempts;
    if (!outOfAttempts) {
      const delay = retryDelaySeconds(row.attempts, result.retryAfterSeconds);
      await db
        .update(emailOutbox)
        .set({
          lockedUntil: null,
          lastError: result.error.slice(0, 500),
          nextAttemptAt: sql`now() + make_interval(secs => ${delay})`,
        })
        .where(eq(emailOutbox.id, row.id));
      continue;
    }
    await db.transaction(async (tx) => {
      await tx
        .update(emailOutbox)
        .set({ status: "failed", html: null, text: null, lockedUntil: null, lastError: result.error.slice(0, 500) })
        .where(eq(emailOutbox.id, row.id));
      await recordAudit(tx, {
        action: "email.failed",
        organizationId: row.organization_id,
        actor: { type: "system" },
        target: row.subject_user_id ? { type: "user", id: row.subject_user_id } : { type: "email", id: row.id },
        details: { emailId: row.id, subject: row.subject, attempts: row.attempts, error: result.error.slice(0, 200) },
      });
    });
  }
  return sent;
}

/** Delivery status of messages about one user, for the console. */
export async function listEmailsAbout(organizationId: string, subjectUserId: string, limit = 10) {
  const db = await getDb();
  return db
    .select({
      id: emailOutbox.id,
      subject: emailOutbox.subject,
      status: emailOutbox.status,
      attempts: emailOutbox.attempts,
      lastError: emailOutbox.lastError,
      createdAt: emailOutbox.createdAt,
      sentAt: emailOutbox.sentAt,
    })
    .from(emailOutbox)
    .where(and(eq(emailOutbox.organizationId, organizationId), eq(emailOutbox.subjectUserId, subjectUserId)))
    .orderBy(sql`${emailOutbox.createdAt} desc`)
    .limit(limit);
}
