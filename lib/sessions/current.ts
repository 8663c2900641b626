import type { BrowserSessionKind } from "@/db/schema";
import { findSessionContact, type SessionContact } from "@/lib/contacts/session-contact";
import { findLiveBrowserSession, type LiveBrowserSession } from "@/lib/sessions/records";
import { getSessionUser, type StaffAccount } from "@/lib/staff/accounts";

/**
 * The one answer to "is this browser signed in, and as whom", for both identities. A cookie
 * (Auth.js's for the console, the storefront's own) only names a session row and its account;
 * the session counts while that row is live (lib/sessions/records.ts: not ended, before its
 * absolute end, used within the idle timeout), belongs to that account and organization, is of
 * the account's current session version (a password change, reset, disable or "sign out
 * everywhere" moves it on), and the account may still sign in (an active user, a contact
 * with website access).
 */
type SessionIdentity<A extends { id: string; organizationId: string; sessionVersion: number }> = {
  load(id: string): Promise<A | null>;
  /** Whether the account may still be signed in at all. */
  mayUse(account: A): boolean;
  ownerOf(row: LiveBrowserSession): string | null;
};

const identities: {
  console: SessionIdentity<StaffAccount>;
  storefront: SessionIdentity<Omit<SessionContact, "sessionId">>;
} = {
  console: { load: getSessionUser, mayUse: (user) => user.status === "active", ownerOf: (row) => row.userId },
  storefront: { load: findSessionContact, mayUse: (contact) => contact.websiteAccess, ownerOf: (row) => row.contactId },
};

type AccountOf<K extends BrowserSessionKind> = (typeof identities)[K] extends SessionIdentity<infer A> ? A : never;

// TypeScript does not narrow identities[kind] by a generic K; this is the one place that says so.
const identityOf = <K extends BrowserSessionKind>(kind: K) => identities[kind] as unknown as SessionIdentity<AccountOf<K>>;

/** A signed-in account of that kind and the browser session it is using. */
export type CurrentSession<K extends BrowserSessionKind> = AccountOf<K> & { sessionId: string };

/** What a cookie claims: its session row, its account, and (storefront) the organization it is good for. */
export type SessionClaims = { sessionId: string; accountId: string; organizationId?: string };

/** The check itself, on what was loaded: null unless every condition above holds. */
export function checkSession<K extends BrowserSessionKind>(
  kind: K,
  claims: SessionClaims,
  account: AccountOf<K> | null,
  row: LiveBrowserSession | null,
): CurrentSession<K> | null {
  if (!account || !row) return null;
  const identity = identityOf(kind);
  if (account.id !== claims.accountId || row.id !== claims.sessionId || identity.ownerOf(row) !== account.id) return null;
  if (row.organizationId !== account.organizationId) return null;
  if (claims.organizationId !== undefined && claims.organizationId !== account.organizationId) return null;
  if (!identity.mayUse(account) || row.sessionVersion !== account.sessionVersion) return null;
  return { ...account, sessionId: row.id };
}

/** Loads the account and the session row a cookie names (together) and checks them. */
export async function currentSession<K extends BrowserSessionKind>(kind: K, claims: SessionClaims): Promise<CurrentSession<K> | null> {
  const [account, row] = await Promise.all([identityOf(kind).load(claims.accountId), findLiveBrowserSession(kind, claims.sessionId)]);
  return checkSession(kind, claims, account, row);
}
