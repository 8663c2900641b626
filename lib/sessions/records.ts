import "server-only";
import { and, desc, eq, gt, isNull, ne, sql, type SQL } from "drizzle-orm";
import { getDb, type Executor } from "@/lib/infra/database";
import { appSessions, browserSessions, contacts, users, type AppName, type BrowserSessionKind } from "@/db/schema";
import { APP_LABELS } from "@/lib/staff/access";
import { recordAudit } from "@/lib/audit/events";
import { env } from "@/lib/infra/env";
import { describeUserAgent, formatDateTime } from "@/lib/copy/format";
import type { RequestMeta } from "@/lib/web/request-context";
import { isUuid } from "@/lib/web/schemas";

/**
 * Sessions are records on the server (Keycloak and Auth0 keep them too): a browser's cookie
 * only points at its row in browser_sessions, an app's bearer token is its row in
 * app_sessions. A session is live while it is not ended, before its absolute end (from sign-in),
 * used within the idle timeout, and of its account's current session version.
 */
export const SESSION_POLICY = {
  console: { maxAgeHours: env.SESSION_MAX_AGE_HOURS, idleMinutes: env.SESSION_IDLE_MINUTES },
  storefront: { maxAgeHours: env.CONTACT_SESSION_MAX_AGE_HOURS, idleMinutes: env.CONTACT_SESSION_IDLE_MINUTES },
  /** "Last seen" is written at most this often: one write a minute, not one per request. */
  touchSeconds: env.SESSION_TOUCH_SECONDS,
} as const;

/** Whose sessions: a staff user's (console browsers and app tokens) or a contact's (storefront browsers). */
export type SessionOwner = { userId: string } | { contactId: string };


/** The account as an audit target and actor. */
function ownerRef(owner: SessionOwner) {
  return "userId" in owner ? ({ type: "user", id: owner.userId } as const) : ({ type: "contact", id: owner.contactId } as const);
}

function ownerCondition(owner: SessionOwner): SQL {
  return "userId" in owner ? eq(browserSessions.userId, owner.userId) : eq(browserSessions.contactId, owner.contactId);
}

/** A browser session row that still counts by time and by hand (the version is compared by the caller's join). */
function liveBrowserSession(kind: BrowserSessionKind): SQL {
  return and(
    eq(browserSessions.kind, kind),
    isNull(browserSessions.endedAt),
    gt(browserSessions.expiresAt, sql`now()`),
    gt(browserSessions.lastSeenAt, sql`now() - make_interval(mins => ${SESSION_POLICY[kind].idleMinutes})`),
  )!;
}

/** Starts a browser session for an account that has just signed in; its id goes into the cookie. */
export async function startBrowserSession(
  ex: Executor,
  session: { kind: BrowserSessionKind; organizationId: string; sessionVersion: number } & SessionOwner,
  meta: RequestMeta,
): Promise<{ id: string; expiresAt: Date }> {
  const expiresAt = new Date(Date.now() + SESSION_POLICY[session.kind].maxAgeHours * 3_600_000);
  const [row] = await ex
    .insert(browserSessions)
    .values({
      kind: session.kind,
      organizationId: session.organizationId,
      userId: "userId" in session ? session.userId : null,
      contactId: "contactId" in session ? session.contactId : null,
      sessionVersion: session.sessionVersion,
      ip: meta.ip,
      userAgent: meta.userAgent,
      expiresAt,
    })
    .returning({ id: browserSessions.id });
  return { id: row!.id, expiresAt };
}

export type LiveBrowserSession = {
  id: string;
  organizationId: string;
  userId: string | null;
  contactId: string | null;
  sessionVersion: number;
};

/**
 * The live browser session with this id, or null; moves its "last seen" forward when that is
 * older than SESSION_POLICY.touchSeconds. The caller compares the account and its version.
 */
export async function findLiveBrowserSession(kind: BrowserSessionKind, id: string | undefined): Promise<LiveBrowserSession | null> {
  if (!id || !isUuid(id)) return null;
  const db = await getDb();
  const [row] = await db
    .select({
      id: browserSessions.id,
      organizationId: browserSessions.organizationId,
      userId: browserSessions.userId,
      contactId: browserSessions.contactId,
      sessionVersion: browserSessions.sessionVersion,
      lastSeenAt: browserSessions.lastSeenAt,
    })
    .from(browserSessions)
    .where(and(eq(browserSessions.id, id), liveBrowserSession(kind)))
    .limit(1);
  if (!row) return null;
  if (Date.now() - row.lastSeenAt.getTime() > SESSION_POLICY.touchSeconds * 1000) {
    await db.update(browserSessions).set({ lastSeenAt: sql`now()` }).where(eq(browserSessions.id, id));
  }
  const { lastSeenAt: _seen, ...live } = row;
  return live;
}

/** Ends one browser session (its Sign out, or a revoke). */
export async function endBrowserSession(ex: Executor, id: string): Promise<void> {
  await ex.update(browserSessions).set({ endedAt: sql`now()` }).where(and(eq(browserSessions.id, id), isNull(browserSessions.endedAt)));
}

/**
 * After an account's own password change its version moved on, which ended every session;
 * this browser's session joins the new version so only the others end.
 */
export async function keepBrowserSession(ex: Executor, id: string, sessionVersion: number): Promise<void> {
  await ex.update(browserSessions).set({ sessionVersion }).where(and(eq(browserSessions.id, id), isNull(browserSessions.endedAt)));
}

/** One row of a session list: a browser (console or storefront) or an app token. */
export type SessionListRow = {
  id: string;
  via: "browser" | AppName;
  ip: string | null;
  userAgent: string | null;
  startedAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
};

/**
 * An account's live sessions, newest first: its browsers and, for staff, its app tokens.
 * Scoped to the organization, so another company's account lists nothing.
 */
export async function listLiveSessions(organizationId: string, owner: SessionOwner): Promise<SessionListRow[]> {
  const db = await getDb();
  const browserColumns = {
    id: browserSessions.id,
    ip: browserSessions.ip,
    userAgent: browserSessions.userAgent,
    startedAt: browserSessions.createdAt,
    lastSeenAt: browserSessions.lastSeenAt,
    expiresAt: browserSessions.expiresAt,
  };
  if ("contactId" in owner) {
    const rows = await db
      .select(browserColumns)
      .from(browserSessions)
      .innerJoin(contacts, and(eq(contacts.id, browserSessions.contactId), eq(contacts.sessionVersion, browserSessions.sessionVersion)))
      .where(and(ownerCondition(owner), eq(contacts.organizationId, organizationId), liveBrowserSession("storefront")))
      .orderBy(desc(browserSessions.lastSeenAt));
    return rows.map((r) => ({ ...r, via: "browser" as const }));
  }
  const [browsers, apps] = await Promise.all([
    db
      .select(browserColumns)
      .from(browserSessions)
      .innerJoin(users, and(eq(users.id, browserSessions.userId), eq(users.sessionVersion, browserSessions.sessionVersion)))
      .where(and(ownerCondition(owner), eq(users.organizationId, organizationId), liveBrowserSession("console"))),
    db
      .select({
        id: appSessions.id,
        app: appSessions.app,
        ip: appSessions.ip,
        userAgent: appSessions.userAgent,
        startedAt: appSessions.createdAt,
        lastSeenAt: appSessions.lastSeenAt,
        expiresAt: appSessions.expiresAt,
      })
      .from(appSessions)
      .innerJoin(users, and(eq(users.id, appSessions.userId), eq(users.sessionVersion, appSessions.sessionVersion)))
      .where(
        and(
          eq(appSessions.userId, owner.userId),
          eq(users.organizationId, organizationId),
          isNull(appSessions.revokedAt),
          gt(appSessions.expiresAt, sql`now()`),
        ),
      ),
  ]);
  return [...browsers.map((r) => ({ ...r, via: "browser" as const })), ...apps.map(({ app, ...r }) => ({ ...r, via: app }))].sort(
    (a, b) => b.lastSeenAt.getTime() - a.lastSeenAt.getTime(),
  );
}

/** One session as a page shows it (components/session-list.tsx): no secret, dates formatted. */
export type SessionListItem = {
  id: string;
  /** "Browser", "Sales Plus"… */
  via: string;
  device: string;
  ip: string;
  started: string;
  lastSeen: string;
  /** The browser the page is open in: it cannot be signed out from the list. */
  current: boolean;
};

/** An account's live sessions, ready for a page; `currentSessionId` marks the viewer's own browser. */
export async function listSessionsForPage(
  organizationId: string,
  owner: SessionOwner,
  currentSessionId?: string,
): Promise<SessionListItem[]> {
  const rows = await listLiveSessions(organizationId, owner);
  return rows.map((r) => ({
    id: r.id,
    via: r.via === "browser" ? "Browser" : `${APP_LABELS[r.via]} app`,
    device: describeUserAgent(r.userAgent),
    ip: r.ip ?? "unknown address",
    started: formatDateTime(r.startedAt),
    lastSeen: formatDateTime(r.lastSeenAt),
    current: r.id === currentSessionId,
  }));
}

export type RevokeSessionResult = { ok: true } | { ok: false; reason: "not_found" };

/**
 * Ends one session of an account: by an admin from User Details or a contact's page, or by
 * the account itself from its own list. Only a session of that account in that organization
 * can be named; anything else is not found.
 */
export async function revokeSession(
  organizationId: string,
  owner: SessionOwner,
  sessionId: string,
  actor: { type: "user" | "contact" | "api_key"; id: string },
  meta: RequestMeta,
): Promise<RevokeSessionResult> {
  if (!isUuid(sessionId)) return { ok: false, reason: "not_found" };
  const db = await getDb();
  return db.transaction(async (tx) => {
    const ended = await tx
      .update(browserSessions)
      .set({ endedAt: sql`now()` })
      .where(
        and(
          eq(browserSessions.id, sessionId),
          ownerCondition(owner),
          eq(browserSessions.organizationId, organizationId),
          isNull(browserSessions.endedAt),
        ),
      )
      .returning({ id: browserSessions.id });
    let app: AppName | undefined;
    if (ended.length === 0 && "userId" in owner) {
      const revoked = await tx
        .update(appSessions)
        .set({ revokedAt: sql`now()` })
        .where(
          and(
            eq(appSessions.id, sessionId),
            eq(appSessions.userId, owner.userId),
            isNull(appSessions.revokedAt),
            sql`exists (select 1 from ${users} where ${users.id} = ${appSessions.userId} and ${users.organizationId} = ${organizationId})`,
          ),
        )
        .returning({ app: appSessions.app });
      if (revoked.length === 0) return { ok: false, reason: "not_found" } as const;
      app = revoked[0]!.app;
    } else if (ended.length === 0) {
      return { ok: false, reason: "not_found" } as const;
    }
    await recordAudit(tx, {
      action: "contactId" in owner ? "contact.session.revoked" : "session.revoked",
      organizationId,
      actor,
      target: ownerRef(owner),
      meta,
      details: { sessionId, via: app ?? "browser" },
    });
    return { ok: true } as const;
  });
}

/** "Sign out other sessions": every live session of the account but this browser's. */
export async function endOtherSessions(
  organizationId: string,
  owner: SessionOwner,
  keepSessionId: string,
  meta: RequestMeta,
): Promise<{ ended: number }> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const browsers = await tx
      .update(browserSessions)
      .set({ endedAt: sql`now()` })
      .where(
        and(
          ownerCondition(owner),
          eq(browserSessions.organizationId, organizationId),
          ne(browserSessions.id, keepSessionId),
          isNull(browserSessions.endedAt),
        ),
      )
      .returning({ id: browserSessions.id });
    const apps =
      "userId" in owner
        ? await tx
            .update(appSessions)
            .set({ revokedAt: sql`now()` })
            .where(and(eq(appSessions.userId, owner.userId), isNull(appSessions.revokedAt)))
            .returning({ id: appSessions.id })
        : [];
    await recordAudit(tx, {
      action: "contactId" in owner ? "contact.session.others_ended" : "session.others_ended",
      organizationId,
      actor: ownerRef(owner),
      target: ownerRef(owner),
      meta,
      details: { browsers: browsers.length, apps: apps.length },
    });
    return { ended: browsers.length + apps.length };
  });
}
