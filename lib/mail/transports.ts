import "server-only";
import { Resend } from "resend";
import { getDb } from "@/lib/infra/database";
import { devMailbox } from "@/db/schema";
import { env, mailTransportKind } from "@/lib/infra/env";

export type OutgoingEmail = {
  /** The outbox row id: the provider's idempotency key, so a retried send is not sent twice. */
  id: string;
  to: string;
  /** Display name for the From header; null keeps MAIL_FROM as it is. */
  fromName?: string | null;
  subject: string;
  html: string;
  text: string;
};

/**
 * The From header: MAIL_FROM's address under `displayName` when one is given. The name comes
 * from an organization's own name, so it is made safe for a header: control characters
 * (CR/LF would start a new header) are dropped, and it is sent as an RFC 5322 quoted-string
 * with quotes and backslashes escaped, so `<`, `>`, `,` or `@` in it cannot add a recipient
 * or change the address.
 */
export function formatSender(mailFrom: string, displayName?: string | null): string {
  const name = (displayName ?? "").replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ").replace(/\s+/g, " ").trim();
  if (!name) return mailFrom;
  const address = /<([^<>]+)>\s*$/.exec(mailFrom)?.[1]?.trim() ?? mailFrom.trim();
  return `"${name.replace(/["\\]/g, "\\$&")}" <${address}>`;
}

export type SendResult =
  | { ok: true; providerId: string | null }
  | { ok: false; error: string; retryAfterSeconds?: number; permanent?: boolean };

export interface MailTransport {
  readonly name: string;
  send(message: OutgoingEmail): Promise<SendResult>;
}

/** How long one provider call may take before it counts as failed (and is retried). */
export const MAIL_SEND_TIMEOUT_MS = env.MAIL_SEND_TIMEOUT_MS;

/** Writes messages to the dev_mailbox table, read by /dev/mailbox and the e2e tests. */
export const devTransport: MailTransport = {
  name: "dev",
  async send(message) {
    const db = await getDb();
    const [row] = await db
      .insert(devMailbox)
      .values({ toAddress: message.to, subject: message.subject, html: message.html, text: message.text })
      .returning({ id: devMailbox.id });
    return { ok: true, providerId: `dev-${row?.id}` };
  },
};

export function resendTransport(apiKey: string): MailTransport {
  // The client reads RESEND_BASE_URL itself, which is how tests point it at a local fake.
  const client = new Resend(apiKey);
  return {
    name: "resend",
    async send(message) {
      const signal = AbortSignal.timeout(MAIL_SEND_TIMEOUT_MS);
      let response: Awaited<ReturnType<typeof client.emails.send>>;
      try {
        response = await client.emails.send(
          { from: formatSender(env.MAIL_FROM, message.fromName), to: message.to, subject: message.subject, html: message.html, text: message.text },
          { idempotencyKey: `gatehouse-${message.id}`, signal } as never,
        );
      } catch (error) {
        return { ok: false, error: `resend: ${(error as Error).name}: ${(error as Error).message}` };
      }
      if (response.error) {
        const status = (response.error as { statusCode?: number | null }).statusCode ?? null;
        const retryAfter = Number(response.headers?.["retry-after"]);
        return {
          ok: false,
          error: `resend ${status ?? "network"}: ${response.error.name}`,
          retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
          // 4xx other than 408/409/429 will not get better by retrying.
          permanent: status !== null && status >= 400 && status < 500 && ![408, 409, 429].includes(status),
        };
      }
      return { ok: true, providerId: response.data?.id ?? null };
    },
  };
}

let configured: MailTransport | null | undefined;

/** The transport in force (see MAIL_TRANSPORT), or null when mail is not configured. */
export function getTransport(): MailTransport | null {
  if (configured !== undefined) return configured;
  const kind = mailTransportKind();
  if (kind === "resend") {
    if (!env.RESEND_API_KEY) throw new Error("Gatehouse: MAIL_TRANSPORT=resend needs RESEND_API_KEY.");
    configured = resendTransport(env.RESEND_API_KEY);
  } else {
    configured = kind === "dev" ? devTransport : null;
  }
  return configured;
}

/** Tests swap the transport (e.g. Resend against a local fake). */
export function setTransport(transport: MailTransport | null | undefined): void {
  configured = transport;
}
