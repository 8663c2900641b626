import "server-only";
import { createHmac } from "node:crypto";
import { cache } from "react";
import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/lib/infra/database";
import type { SessionContact } from "@/lib/contacts/session-contact";
import { checkSession, currentSession } from "@/lib/sessions/current";
import { env, getSecrets } from "@/lib/infra/env";
import { getStorefront, type Storefront } from "@/lib/organizations/organizations";
import type { RequestMeta } from "@/lib/web/request-context";
import { endBrowserSession, keepBrowserSession, startBrowserSession, type LiveBrowserSession } from "@/lib/sessions/records";
import { digestsEqual } from "@/lib/credentials/tokens";
import { CONTACT_SESSION_COOKIE, CONTACT_SESSION_COOKIE_SECURE } from "@/lib/sessions/storefront-cookie-name";

/**
 * A contact's storefront session: its own signed, HttpOnly, SameSite=Lax cookie scoped to
 * `/store/<slug>`, never the console's Auth.js cookie (docs/decisions.md). The cookie names
 * the contact and their browser_sessions row; getContactSession() checks that row (signed out,
 * revoked, absolute lifetime, idle timeout) and its session version against the contact's on
 * every request, so a password change, an admin reset or losing website access ends it.
 */

export const CONTACT_SESSION = { maxAgeSeconds: env.CONTACT_SESSION_MAX_AGE_HOURS * 3600 } as const;

const Claims = z.object({
  v: z.literal(2),
  /** The browser_sessions row. */
  sid: z.uuid(),
  /** Contact id. */
  cid: z.uuid(),
  /** Organization id: a cookie is only good on its own organization's storefront. */
  org: z.uuid(),
  /** Expiry, seconds since the epoch. */
  exp: z.number().int(),
});
export type ContactSessionClaims = z.infer<typeof Claims>;

function signature(payload: string): string {
  // A key of its own, derived from AUTH_SECRET, so no other signed value can pass for a session.
  const key = createHmac("sha256", getSecrets().authSecret).update("gatehouse:contact-session:v1").digest();
  return createHmac("sha256", key).update(payload).digest("base64url");
}

/** `payload.signature`, both base64url; the payload is readable but any change breaks the signature. */
export function sealContactSession(
  session: { contactId: string; organizationId: string; sessionId: string },
  now = Date.now(),
): string {
  const claims: ContactSessionClaims = {
    v: 2,
    sid: session.sessionId,
    cid: session.contactId,
    org: session.organizationId,
    exp: Math.floor(now / 1000) + CONTACT_SESSION.maxAgeSeconds,
  };
  const payload = Buffer.from(JSON.stringify(claims)).toString("base64url");
  return `${payload}.${signature(payload)}`;
}

/** The claims of a cookie this server signed and that has not expired; anything else is null. */
export function openContactSession(value: string | undefined, now = Date.now()): ContactSessionClaims | null {
  if (!value || value.length > 1024) return null;
  const parts = value.split(".");
  if (parts.length !== 2 || !parts[0] || !parts[1]) return null;
  const [payload, mac] = parts as [string, string];
  if (!digestsEqual(mac, signature(payload))) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  const claims = Claims.safeParse(json);
  if (!claims.success || claims.data.exp * 1000 <= now) return null;
  return claims.data;
}

function cookieOptions(slug: string) {
  return {
    httpOnly: true,
    sameSite: "lax" as const,
    secure: CONTACT_SESSION_COOKIE_SECURE,
    path: `/store/${slug}`,
    maxAge: CONTACT_SESSION.maxAgeSeconds,
  };
}

/** Starts this browser's storefront session after a sign-in: a session row, and the cookie naming it. */
export async function startContactSession(
  store: Storefront,
  contact: { contactId: string; sessionVersion: number },
  meta: RequestMeta,
): Promise<void> {
  const session = await startBrowserSession(
    await getDb(),
    { kind: "storefront", organizationId: store.id, contactId: contact.contactId, sessionVersion: contact.sessionVersion },
    meta,
  );
  const value = sealContactSession({ contactId: contact.contactId, organizationId: store.id, sessionId: session.id });
  (await cookies()).set(CONTACT_SESSION_COOKIE, value, cookieOptions(store.slug));
}

/** After the contact's own password change: this browser's session joins the new version, the others have ended. */
export async function keepContactSession(contact: SessionContact, sessionVersion: number): Promise<void> {
  await keepBrowserSession(await getDb(), contact.sessionId, sessionVersion);
}

/** Ends this browser's storefront session: its row on the server, and the cookie. */
export async function endContactSession(store: Storefront, contact?: SessionContact | null): Promise<void> {
  if (contact) await endBrowserSession(await getDb(), contact.sessionId);
  (await cookies()).set(CONTACT_SESSION_COOKIE, "", { ...cookieOptions(store.slug), maxAge: 0 });
}

/**
 * The authoritative check: a valid cookie for this storefront's organization, naming a live
 * session row of this contact of the contact's current session version, and a contact who
 * still has website access (lib/sessions/current.ts).
 */
export function resolveContactSession(
  claims: ContactSessionClaims | null,
  store: Storefront,
  contact: Omit<SessionContact, "sessionId"> | null,
  session: LiveBrowserSession | null,
): SessionContact | null {
  if (!claims || claims.org !== store.id) return null;
  return checkSession("storefront", storefrontClaims(claims, store), contact, session);
}

const storefrontClaims = (claims: ContactSessionClaims, store: Storefront) => ({
  sessionId: claims.sid,
  accountId: claims.cid,
  organizationId: store.id,
});

async function uncachedContactSession(store: Storefront): Promise<SessionContact | null> {
  const claims = openContactSession((await cookies()).get(CONTACT_SESSION_COOKIE)?.value);
  if (!claims || claims.org !== store.id) return null;
  return currentSession("storefront", storefrontClaims(claims, store));
}

/** The contact signed in on this storefront, or null. Once per request. */
export const getContactSession = cache(uncachedContactSession);

/**
 * Page guard for the storefront: the signed-in contact, or off to the login page. Until a
 * forced change is done every page but the change page sends the contact there.
 */
export async function requireContact(
  store: Storefront,
  page: "storefront" | "change-password" = "storefront",
): Promise<SessionContact> {
  const contact = await getContactSession(store);
  if (!contact) redirect(`/store/${store.slug}/login`);
  if (contact.mustChangePassword && page !== "change-password") redirect(`/store/${store.slug}/change-password`);
  if (!contact.mustChangePassword && page === "change-password") redirect(`/store/${store.slug}`);
  return contact;
}

/** The storefront at `/store/<slug>`; an unknown slug answers 404. */
export async function requireStorefront(slug: string): Promise<Storefront> {
  const store = await getStorefront(slug);
  if (!store) notFound();
  return store;
}
