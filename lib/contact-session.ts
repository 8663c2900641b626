import { createHmac } from "node:crypto";
import { cache } from "react";
import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { z } from "zod";
import { findSessionContact, type SessionContact } from "./contacts";
import { env, getSecrets } from "./env";
import { getStorefront, type Storefront } from "./organizations";
import { digestsEqual } from "./tokens";

/**
 * A contact's storefront session: its own signed, HttpOnly, SameSite=Lax cookie scoped to
 * `/store/<slug>`, never the console's Auth.js cookie (docs/decisions.md). The cookie says who
 * and which session version; getContactSession() compares that version with the database on
 * every request, so a password change, an admin reset or losing website access ends it.
 */

export const CONTACT_SESSION = { maxAgeSeconds: env.CONTACT_SESSION_MAX_AGE_HOURS * 3600 } as const;

/** HTTPS deployments get a Secure cookie with the __Secure- prefix; plain-HTTP development cannot. */
const secure = new URL(env.APP_URL).protocol === "https:";
export const CONTACT_SESSION_COOKIE = secure ? "__Secure-gh_store" : "gh_store";

const Claims = z.object({
  v: z.literal(1),
  /** Contact id. */
  cid: z.uuid(),
  /** Organization id: a cookie is only good on its own organization's storefront. */
  org: z.uuid(),
  /** The contact's session version when the cookie was made. */
  sv: z.number().int(),
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
  session: { contactId: string; organizationId: string; sessionVersion: number },
  now = Date.now(),
): string {
  const claims: ContactSessionClaims = {
    v: 1,
    cid: session.contactId,
    org: session.organizationId,
    sv: session.sessionVersion,
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
    secure,
    path: `/store/${slug}`,
    maxAge: CONTACT_SESSION.maxAgeSeconds,
  };
}

/** Starts (or, after the contact's own password change, re-issues) this browser's storefront session. */
export async function startContactSession(
  store: Storefront,
  session: { contactId: string; sessionVersion: number },
): Promise<void> {
  const value = sealContactSession({ ...session, organizationId: store.id });
  (await cookies()).set(CONTACT_SESSION_COOKIE, value, cookieOptions(store.slug));
}

export async function endContactSession(store: Storefront): Promise<void> {
  (await cookies()).set(CONTACT_SESSION_COOKIE, "", { ...cookieOptions(store.slug), maxAge: 0 });
}

/**
 * The authoritative check: a valid cookie for this storefront's organization, whose contact
 * still has website access and whose session version is still the contact's.
 */
export function resolveContactSession(
  claims: ContactSessionClaims | null,
  store: Storefront,
  contact: SessionContact | null,
): SessionContact | null {
  if (!claims || !contact || claims.org !== store.id) return null;
  if (contact.organizationId !== store.id || contact.id !== claims.cid) return null;
  if (!contact.websiteAccess || contact.sessionVersion !== claims.sv) return null;
  return contact;
}

async function uncachedContactSession(store: Storefront): Promise<SessionContact | null> {
  const claims = openContactSession((await cookies()).get(CONTACT_SESSION_COOKIE)?.value);
  if (!claims || claims.org !== store.id) return null;
  return resolveContactSession(claims, store, await findSessionContact(claims.cid));
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
