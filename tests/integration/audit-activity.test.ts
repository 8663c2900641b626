import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/infra/database";
import { auditEvents, organizations, users } from "@/db/schema";
import { ACTIVITY_PAGE_SIZE, ACTIVITY_TYPES, listActivity, securityTrend, type ActivityType } from "@/lib/audit/events";

const DAY = 86_400_000;
// Sign-outs dominate (as in a real trail), so a type's deep page holds more of one action than of the others.
const ACTIONS = ["signout", "signout", "signout", "signout", "signout", "signin.succeeded", "signin.failed", "signout", "app.signout", "sessions.revoked", "account.locked", "password.reset_requested", "admin.reset_requested"];

type Seeded = { id: number; organizationId: string; action: string; actorId: string | null; targetId: string | null; createdAt: Date };
let ours: string;
let theirs: string;
let people: string[];
let stranger: string;
let all: Seeded[];

/** What the Activity page must show, computed the plain way from every row. */
function expected(filter: { userId?: string; type?: ActivityType; page?: number }) {
  const actions: readonly string[] | null = filter.type ? ACTIVITY_TYPES[filter.type].actions : null;
  const rows = all
    .filter((e) => e.organizationId === ours)
    .filter((e) => !filter.userId || e.actorId === filter.userId || e.targetId === filter.userId)
    .filter((e) => !actions || actions.includes(e.action))
    .sort((a, b) => b.id - a.id);
  const from = ((filter.page ?? 1) - 1) * ACTIVITY_PAGE_SIZE;
  return { ids: rows.slice(from, from + ACTIVITY_PAGE_SIZE).map((e) => e.id), hasNext: rows.length > from + ACTIVITY_PAGE_SIZE };
}

describe("Activity and the dashboard trend read the right events", () => {
  beforeAll(async () => {
    const db = await getDb();
    const orgs = await db
      .insert(organizations)
      .values([
        { name: "Activity Co", slug: "activity-co", licenceCount: 10 },
        { name: "Other Co", slug: "other-co", licenceCount: 10 },
      ])
      .returning();
    ours = orgs[0]!.id;
    theirs = orgs[1]!.id;
    const inserted = await db
      .insert(users)
      .values([
        ...["Ann", "Bo", "Cy"].map((n) => ({ organizationId: ours, username: `${n.toLowerCase()}@activity.test`, displayName: n, userType: "admin" as const })),
        { organizationId: theirs, username: "zed@other.test", displayName: "Zed", userType: "admin" as const },
      ])
      .returning({ id: users.id });
    people = inserted.slice(0, 3).map((u) => u.id);
    stranger = inserted[3]!.id;
    // 400 events, ours and theirs interleaved, actions and people in a fixed pseudo-random mix.
    const now = Date.now();
    const rows = Array.from({ length: 400 }, (_, i) => {
      const org = i % 5 === 4 ? theirs : ours;
      const person = org === ours ? people[(i * 7) % 3]! : stranger;
      const other = org === ours ? people[(i * 11 + 1) % 3]! : stranger;
      return {
        organizationId: org,
        action: ACTIONS[(i * 7 + ((i * i) % 5)) % ACTIONS.length]!,
        actorType: "user",
        actorId: i % 3 === 0 ? null : person,
        targetType: "user",
        targetId: i % 4 === 0 ? null : other,
        createdAt: new Date(now - (400 - i) * (DAY / 8)),
      };
    });
    const back = await db.insert(auditEvents).values(rows).returning({ id: auditEvents.id });
    all = rows.map((r, i) => ({ ...r, id: back[i]!.id }));
  });

  const filters: { name: string; filter: { userId?: string; type?: ActivityType; page?: number } }[] = [
    { name: "everything, page 1", filter: {} },
    { name: "everything, page 3", filter: { page: 3 } },
    { name: "a type of one action", filter: { type: "sign-ins" } },
    { name: "a type of three actions, page 1", filter: { type: "sessions-revoked" } },
    { name: "a type of three actions, page 2", filter: { type: "sessions-revoked", page: 2 } },
    { name: "a type of three actions, past the end", filter: { type: "sessions-revoked", page: 9 } },
    { name: "a rare type", filter: { type: "lock-outs" } },
    { name: "a user (actor or target)", filter: { userId: "person:0" } },
    { name: "a user and a type of several actions", filter: { userId: "person:1", type: "failed-sign-ins" } },
  ];
  for (const { name, filter } of filters) {
    it(`lists ${name}, newest first, only this organization's`, async () => {
      const resolved = { ...filter, userId: filter.userId ? people[Number(filter.userId.split(":")[1])] : undefined };
      const want = expected(resolved);
      const got = await listActivity(ours, resolved);
      expect(got.rows.map((r) => r.id)).toEqual(want.ids);
      expect(got.hasNext).toBe(want.hasNext);
      // Names come from this organization's users only.
      for (const r of got.rows) if (r.targetName) expect(["Ann", "Bo", "Cy"]).toContain(r.targetName);
    });
  }

  it("never shows another organization's events, even filtered by one of its users", async () => {
    expect((await listActivity(ours, { userId: stranger })).rows).toEqual([]);
    const theirsOnly = await listActivity(theirs, { type: "sessions-revoked" });
    expect(theirsOnly.rows.length).toBeGreaterThan(0);
    expect(theirsOnly.rows.every((r) => all.find((e) => e.id === r.id)!.organizationId === theirs)).toBe(true);
  });

  it("counts resets and failed sign-ins per day over the last 30 days", async () => {
    const trend = await securityTrend(ours, 30);
    expect(trend).toHaveLength(30);
    const since = new Date(trend[0]!.day).getTime();
    const mine = all.filter((e) => e.organizationId === ours && e.createdAt.getTime() >= since);
    const day = (d: Date) => d.toISOString().slice(0, 10);
    for (const t of trend) {
      const that = mine.filter((e) => day(e.createdAt) === t.day);
      expect(t.resets).toBe(that.filter((e) => e.action === "password.reset_requested" || e.action === "admin.reset_requested").length);
      expect(t.failedSignIns).toBe(that.filter((e) => e.action === "signin.failed").length);
    }
    expect(trend.reduce((a, t) => a + t.resets + t.failedSignIns, 0)).toBeGreaterThan(0);
  });
});
