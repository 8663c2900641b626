import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/infra/database";
import { contacts, users, type BrowserSessionKind } from "@/db/schema";
import { seedDemo } from "@/lib/infra/demo-seed";
import { contactIdentity, endAllSessions, staffIdentity, type Identity } from "@/lib/credentials/identity";
import { currentSession } from "@/lib/sessions/current";
import { endBrowserSession, startBrowserSession } from "@/lib/sessions/records";

/**
 * The one session check (lib/sessions/current.ts), run for the console and the storefront:
 * what Auth.js's cookie and the storefront's cookie are worth once opened.
 */

const meta = { ip: "192.0.2.10", userAgent: "vitest" };

type Account = { id: string; organizationId: string; sessionVersion: number };

type Case = {
  kind: BrowserSessionKind;
  identity: Identity;
  /** Two accounts of the demo organization. */
  usernames: [string, string];
  /** Makes the account one that may no longer sign in (disabled user, contact without website access), and back. */
  barred: (id: string, barred: boolean) => Promise<void>;
};

const cases: Case[] = [
  {
    kind: "console",
    identity: staffIdentity,
    usernames: ["admin@demo.test", "dual@demo.test"],
    barred: async (id, barred) => {
      await (await getDb()).update(users).set({ status: barred ? "disabled" : "active" }).where(eq(users.id, id));
    },
  },
  {
    kind: "storefront",
    identity: contactIdentity,
    usernames: ["cornerbuyer", "cornerowner"],
    barred: async (id, barred) => {
      await (await getDb()).update(contacts).set({ websiteAccess: !barred }).where(eq(contacts.id, id));
    },
  },
];

async function accountRow(identity: Identity, username: string): Promise<Account> {
  const t = identity.table;
  const [row] = await (await getDb())
    .select({ id: t.id, organizationId: t.organizationId, sessionVersion: t.sessionVersion })
    .from(t)
    .where(eq(t.username, username));
  return row!;
}

beforeAll(async () => {
  await seedDemo(await getDb());
});

async function start(kind: BrowserSessionKind, identity: Identity, account: Account) {
  const db = await getDb();
  const [fresh] = await db.select({ v: identity.table.sessionVersion }).from(identity.table).where(eq(identity.table.id, account.id));
  const session = await startBrowserSession(
    db,
    { kind, organizationId: account.organizationId, sessionVersion: fresh!.v, ...identity.owner(account.id) },
    meta,
  );
  return { sessionId: session.id, accountId: account.id };
}

describe.each(cases)("the $kind session check", ({ kind, identity, usernames, barred }) => {
  const accounts = async () => Promise.all(usernames.map((u) => accountRow(identity, u))) as Promise<[Account, Account]>;

  it("names the account and its session while the session is live and current", async () => {
    const [a] = await accounts();
    const claims = await start(kind, identity, a);
    const current = await currentSession(kind, claims);
    expect(current).toMatchObject({ id: a.id, organizationId: a.organizationId, sessionId: claims.sessionId });
    expect(current).not.toHaveProperty("passwordHash");
    expect(await currentSession(kind, { ...claims, organizationId: a.organizationId })).not.toBeNull();
  });

  it("ends when the session is signed out", async () => {
    const [a] = await accounts();
    const claims = await start(kind, identity, a);
    await endBrowserSession(await getDb(), claims.sessionId);
    expect(await currentSession(kind, claims)).toBeNull();
  });

  it("ends when the account's session version moves on", async () => {
    const [a] = await accounts();
    const claims = await start(kind, identity, a);
    await endAllSessions(await getDb(), identity, a.id);
    expect(await currentSession(kind, claims)).toBeNull();
  });

  it("ends while the account may not sign in, and counts again after", async () => {
    const [a] = await accounts();
    const claims = await start(kind, identity, a);
    await barred(a.id, true);
    expect(await currentSession(kind, claims)).toBeNull();
    await barred(a.id, false);
    expect(await currentSession(kind, claims)).not.toBeNull();
  });

  it("is worth nothing for another account, another organization or another kind of session", async () => {
    const [a, b] = await accounts();
    const claims = await start(kind, identity, a);
    expect(await currentSession(kind, { ...claims, accountId: b.id })).toBeNull();
    expect(await currentSession(kind, { ...claims, organizationId: "00000000-0000-4000-8000-000000000000" })).toBeNull();
    const otherKind = kind === "console" ? "storefront" : "console";
    expect(await currentSession(otherKind, claims)).toBeNull();
  });
});
