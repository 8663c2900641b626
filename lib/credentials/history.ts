import "server-only";
import { and, desc, eq, notInArray, sql } from "drizzle-orm";
import { getDb, type Executor } from "@/lib/infra/database";
import { passwordHistory } from "@/db/schema";
import { env } from "@/lib/infra/env";
import { verifySecret } from "@/lib/credentials/hashing";
import type { Identity } from "@/lib/credentials/identity";

/**
 * Password history, for staff and contacts alike: a new password may not be any of the
 * account's last PASSWORD_HISTORY, the current one included. Only argon2id hashes are kept,
 * trimmed to that many; they never leave this module.
 */
export const PASSWORD_HISTORY = env.PASSWORD_HISTORY;

export const PASSWORD_REUSED_MESSAGE =
  PASSWORD_HISTORY === 1
    ? "Choose a password different from your current one."
    : `Choose a password you have not used recently: it may not be any of your last ${PASSWORD_HISTORY}.`;

const ownerColumn = (identity: Identity, id: string) =>
  identity.kind === "user" ? eq(passwordHistory.userId, id) : eq(passwordHistory.contactId, id);

/** The password the account has now (accounts made before the history existed have no row for it). */
async function currentHash(identity: Identity, id: string): Promise<string | null> {
  const t = identity.table;
  const [row] = await (await getDb()).select({ hash: t.passwordHash }).from(t).where(eq(t.id, id));
  return row?.hash ?? null;
}

/** Whether `password` is one of the account's last PASSWORD_HISTORY passwords. */
export async function isRecentPassword(identity: Identity, id: string, password: string): Promise<boolean> {
  if (PASSWORD_HISTORY === 0) return false;
  const db = await getDb();
  const current = await currentHash(identity, id);
  const rows = await db
    .select({ hash: passwordHistory.hash })
    .from(passwordHistory)
    .where(ownerColumn(identity, id))
    .orderBy(desc(passwordHistory.createdAt))
    .limit(PASSWORD_HISTORY);
  const hashes = [...new Set([...(current ? [current] : []), ...rows.map((r) => r.hash)])].slice(0, PASSWORD_HISTORY);
  for (const hash of hashes) {
    if (await verifySecret(hash, password)) return true;
  }
  return false;
}

/**
 * Records a password just set (inside its transaction) and forgets the ones beyond the
 * history. `previousHash`, the password it replaces, is recorded first when the account has no
 * history yet (accounts made before it existed), so the one it had cannot come straight back.
 */
export async function rememberPassword(
  ex: Executor,
  identity: Identity,
  id: string,
  hash: string,
  previousHash: string | null,
): Promise<void> {
  if (PASSWORD_HISTORY === 0) return;
  const owner = ownerColumn(identity, id);
  const values = (h: string) => ({ ...identity.owner(id), hash: h });
  const [any] = await ex.select({ id: passwordHistory.id }).from(passwordHistory).where(owner).limit(1);
  if (!any && previousHash) {
    await ex.insert(passwordHistory).values({ ...values(previousHash), createdAt: sql`now() - interval '1 second'` });
  }
  const [row] = await ex.insert(passwordHistory).values(values(hash)).returning({ id: passwordHistory.id });
  const keep = await ex
    .select({ id: passwordHistory.id })
    .from(passwordHistory)
    .where(owner)
    .orderBy(desc(passwordHistory.createdAt))
    .limit(PASSWORD_HISTORY);
  const ids = [...new Set([row!.id, ...keep.map((k) => k.id)])];
  await ex.delete(passwordHistory).where(and(owner, notInArray(passwordHistory.id, ids)));
}
