import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/infra/database";
import { contacts, organizations, users } from "@/db/schema";
import { DEMO_ORGANIZATIONS, DEMO_PASSWORD, seedDemo } from "@/lib/infra/demo-seed";
import { verifySecret } from "@/lib/credentials/hashing";

describe("demo seed", () => {
  beforeAll(async () => {
    await seedDemo(await getDb());
  });

  it("creates both organizations with their licences", async () => {
    const db = await getDb();
    const orgs = await db.select({ slug: organizations.slug, licences: organizations.licenceCount }).from(organizations);
    expect(orgs.sort((a, b) => a.slug.localeCompare(b.slug))).toEqual([
      { slug: "demo", licences: 10 },
      { slug: "other", licences: 5 },
    ]);
  });

  it("gives every demo user and contact the documented password", async () => {
    const db = await getDb();
    const staff = await db.select({ username: users.username, type: users.userType, hash: users.passwordHash }).from(users);
    expect(staff.map((u) => `${u.username}:${u.type}`).sort()).toEqual([
      "admin@demo.test:admin",
      "admin@other.test:admin",
      "device@demo.test:device",
      "dual@demo.test:dual",
      "scanpack@demo.test:scanpack",
      "warehouse7:device",
    ]);
    for (const u of staff) expect(await verifySecret(u.hash!, DEMO_PASSWORD)).toBe(true);
    const people = await db.select({ username: contacts.username, access: contacts.websiteAccess, hash: contacts.passwordHash }).from(contacts);
    expect(people.map((c) => c.username).sort()).toEqual(["cornerbuyer", "cornerowner", "harbourbuyer"]);
    for (const c of people) {
      expect(c.access).toBe(true);
      expect(await verifySecret(c.hash!, DEMO_PASSWORD)).toBe(true);
    }
  });

  it("is idempotent", async () => {
    const db = await getDb();
    await seedDemo(db);
    const [demo] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.slug, "demo"));
    const demoUsers = await db.select({ id: users.id }).from(users).where(eq(users.organizationId, demo!.id));
    expect(demoUsers).toHaveLength(DEMO_ORGANIZATIONS[0]!.users.length);
  });
});
