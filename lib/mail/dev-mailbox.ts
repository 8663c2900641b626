import "server-only";
import { desc, sql } from "drizzle-orm";
import { getDb } from "@/lib/infra/database";
import { devMailbox } from "@/db/schema";
import { mailTransportKind } from "@/lib/infra/env";

/** The dev mailbox exists only while the dev transport is in force (never by default in production). */
export function devMailboxEnabled(): boolean {
  return mailTransportKind() === "dev";
}

export type DevMessage = { id: number; to: string; subject: string; text: string; html: string; sentAt: Date };

/** Newest first, optionally for one address. */
export async function listDevMailbox(options: { to?: string; limit?: number } = {}): Promise<DevMessage[]> {
  const db = await getDb();
  return db
    .select({
      id: devMailbox.id,
      to: devMailbox.toAddress,
      subject: devMailbox.subject,
      text: devMailbox.text,
      html: devMailbox.html,
      sentAt: devMailbox.sentAt,
    })
    .from(devMailbox)
    .where(options.to ? sql`lower(${devMailbox.toAddress}) = lower(${options.to})` : undefined)
    .orderBy(desc(devMailbox.id))
    .limit(options.limit ?? 50);
}
