import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { getDb } from "@/lib/infra/database";
import { contacts } from "@/db/schema";
import { burnVerify, verifySecret } from "@/lib/credentials/hashing";
import { auditAccount, contactIdentity, NO_TEMPORARY_PASSWORD } from "@/lib/credentials/identity";
import { LOCKOUT, LOCKOUT_CLEARED, recordWrongPassword } from "@/lib/credentials/lockout";
import { refuseBeforePassword, rightPasswordChanges } from "@/lib/credentials/sign-in";
import { consumeRateLimit } from "@/lib/infra/rate-limit";
import type { RequestMeta } from "@/lib/web/request-context";
import { usernameIs, usernameKey } from "@/lib/contacts/accounts";
import { LOCKOUT_COPY, SIGN_IN_COPY } from "@/lib/copy/sign-in";

/**
 * A contact signs in on their organization's storefront, with their password or a
 * temporary one, and signs out again.
 */

/** What a storefront session is made from. */
export type SignedInContact = {
  id: string;
  organizationId: string;
  sessionVersion: number;
  mustChangePassword: boolean;
};

export type ContactSignInResult =
  | { ok: true; contact: SignedInContact; with: "password" | "temporary_password" }
  | { ok: false; reason: "invalid" | "temporary_expired" | "temporary_used" }
  | { ok: false; reason: "locked" | "rate_limited"; retryAfterSeconds: number };

/** What the storefront login says for each refusal (the same sentence for every kind of "invalid"). */
export const CONTACT_SIGN_IN_MESSAGES: Record<Exclude<ContactSignInResult, { ok: true }>["reason"], string> = {
  invalid: SIGN_IN_COPY.incorrect,
  temporary_expired: SIGN_IN_COPY.temporaryExpired,
  temporary_used: SIGN_IN_COPY.temporaryUsed,
  locked: LOCKOUT_COPY.storefront(LOCKOUT.minutes),
  rate_limited: SIGN_IN_COPY.contactRateLimited,
};

async function findForSignIn(organizationId: string, username: string) {
  const db = await getDb();
  const [row] = await db
    .select({
      id: contacts.id,
      organizationId: contacts.organizationId,
      websiteAccess: contacts.websiteAccess,
      passwordHash: contacts.passwordHash,
      tempPasswordHash: contacts.tempPasswordHash,
      tempPasswordExpiresAt: contacts.tempPasswordExpiresAt,
      tempPasswordUsedAt: contacts.tempPasswordUsedAt,
      sessionVersion: contacts.sessionVersion,
      mustChangePassword: contacts.mustChangePassword,
      lockedUntil: contacts.lockedUntil,
    })
    .from(contacts)
    .where(usernameIs(organizationId, username))
    .limit(1);
  return row;
}

type SignInRow = NonNullable<Awaited<ReturnType<typeof findForSignIn>>>;

/**
 * Signs a contact in on their organization's storefront with their password or a temporary
 * one. Whichever they use, the other stops working: the password cancels a pending temporary
 * password; the temporary password (once, within its lifetime) revokes the old password and
 * requires a new one before anything else. Every refusal costs two argon2 verifies; unknown
 * usernames, contacts without website access and wrong passwords get "invalid".
 */
export async function signInContact(
  organizationId: string,
  input: { username: string; password: string },
  meta: RequestMeta,
): Promise<ContactSignInResult> {
  const byIp = await consumeRateLimit("contactSignInPerIp", meta.ip);
  if (!byIp.ok) return { ok: false, reason: "rate_limited", retryAfterSeconds: byIp.retryAfterSeconds };
  const byName = await consumeRateLimit("contactSignInPerUsername", usernameKey(organizationId, input.username));
  if (!byName.ok) return { ok: false, reason: "rate_limited", retryAfterSeconds: byName.retryAfterSeconds };

  const row = await findForSignIn(organizationId, input.username);
  const checked = await refuseBeforePassword(contactIdentity, {
    account: row,
    cannot: !row
      ? "unknown_username"
      : !row.websiteAccess
        ? "no_website_access"
        : !row.passwordHash && !row.tempPasswordHash
          ? "no_password"
          : null,
    password: input.password,
    verifies: 2,
    organizationId,
    meta,
  });
  if ("refused" in checked) return checked.refused;
  const { account } = checked;

  const matchesPassword = account.passwordHash
    ? await verifySecret(account.passwordHash, input.password)
    : await burnVerify(input.password);
  if (matchesPassword) return signedInWithPassword(account, account.passwordHash!, input.password, meta);

  const matchesTemporary = account.tempPasswordHash
    ? await verifySecret(account.tempPasswordHash, input.password)
    : await burnVerify(input.password);
  if (!matchesTemporary) return recordWrongPassword(contactIdentity, account, meta);

  const unusable = account.tempPasswordUsedAt
    ? "temporary_used"
    : !account.tempPasswordExpiresAt || account.tempPasswordExpiresAt.getTime() <= Date.now()
      ? "temporary_expired"
      : null;
  if (unusable) {
    // The right temporary password, too late or a second time: not a guess, so no lock-out count.
    await auditAccount(await getDb(), contactIdentity, account, {
      action: contactIdentity.events.signInFailed,
      actor: "anonymous",
      meta,
      details: { reason: unusable },
    });
    return { ok: false, reason: unusable };
  }
  return signedInWithTemporaryPassword(account, meta);
}

async function signedInWithPassword(
  row: SignInRow,
  passwordHash: string,
  password: string,
  meta: RequestMeta,
): Promise<ContactSignInResult> {
  const cancelsTemporary = row.tempPasswordHash !== null;
  const { set, rehashed } = await rightPasswordChanges(passwordHash, password);
  const db = await getDb();
  const state = await db.transaction(async (tx) => {
    const [updated] = await tx
      .update(contacts)
      .set({
        ...set,
        ...(cancelsTemporary
          ? {
              ...NO_TEMPORARY_PASSWORD,
              // A half-finished forced change (should one exist) must not outlive the cancellation.
              ...(row.mustChangePassword ? { sessionVersion: sql`${contacts.sessionVersion} + 1` } : {}),
            }
          : {}),
      })
      .where(eq(contacts.id, row.id))
      .returning({ sessionVersion: contacts.sessionVersion, mustChangePassword: contacts.mustChangePassword });
    if (cancelsTemporary) {
      await auditAccount(tx, contactIdentity, row, {
        action: "contact.temp_password_cancelled",
        actor: "self",
        meta,
        details: { reason: "signed_in_with_password" },
      });
    }
    await auditAccount(tx, contactIdentity, row, {
      action: contactIdentity.events.signInSucceeded,
      actor: "self",
      meta,
      details: { with: "password", ...rehashed },
    });
    return updated!;
  });
  return {
    ok: true,
    with: "password",
    contact: { id: row.id, organizationId: row.organizationId, ...state },
  };
}

async function signedInWithTemporaryPassword(row: SignInRow, meta: RequestMeta): Promise<ContactSignInResult> {
  const db = await getDb();
  const claimed = await db.transaction(async (tx) => {
    // Single use, even under concurrent sign-ins: only one update finds it unused and unexpired.
    const [updated] = await tx
      .update(contacts)
      .set({
        passwordHash: null,
        tempPasswordUsedAt: new Date(),
        mustChangePassword: true,
        sessionVersion: sql`${contacts.sessionVersion} + 1`,
        ...LOCKOUT_CLEARED,
        lastSignInAt: new Date(),
      })
      .where(
        and(
          eq(contacts.id, row.id),
          eq(contacts.tempPasswordHash, row.tempPasswordHash!),
          isNull(contacts.tempPasswordUsedAt),
          sql`${contacts.tempPasswordExpiresAt} > now()`,
        ),
      )
      .returning({ sessionVersion: contacts.sessionVersion });
    if (!updated) return null;
    await auditAccount(tx, contactIdentity, row, {
      action: contactIdentity.events.signInSucceeded,
      actor: "self",
      meta,
      details: { with: "temporary_password", previousPasswordRevoked: row.passwordHash !== null },
    });
    return updated;
  });
  if (!claimed) return { ok: false, reason: "temporary_used" };
  return {
    ok: true,
    with: "temporary_password",
    contact: { id: row.id, organizationId: row.organizationId, sessionVersion: claimed.sessionVersion, mustChangePassword: true },
  };
}

export async function recordContactSignOut(contact: { id: string; organizationId: string }, meta: RequestMeta): Promise<void> {
  await auditAccount(await getDb(), contactIdentity, contact, { action: "contact.signout", actor: "self", meta });
}
