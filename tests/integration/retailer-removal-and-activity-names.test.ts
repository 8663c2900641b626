import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/infra/database";
import { auditEvents, contacts, retailers } from "@/db/schema";
import { seedDemo } from "@/lib/infra/demo-seed";
import { addContact, listRetailerContacts, removeContact } from "@/lib/contacts/provisioning";
import { listImportProblems } from "@/lib/imports/jobs";
import { confirmImport, previewImport } from "@/lib/imports/preview";
import { runQueuedImports } from "@/lib/imports/run";
import { searchContacts } from "@/lib/contacts/search";
import { listActivity } from "@/lib/audit/events";
import {
  createRetailer,
  getRetailer,
  removeRetailer,
  searchRetailers,
  updateRetailer,
  type Actor,
} from "@/lib/retailers/retailers";
import { adminOf } from "../helpers/actors";

let ipCounter = 0;
const meta = () => ({ ip: `10.8.0.${++ipCounter & 255}`, userAgent: "vitest" });

let demo: Actor;
let other: Actor;

async function retailer(actor: Actor, name: string, code: string | null = null): Promise<string> {
  const r = await createRetailer(actor, { name, code }, meta());
  if (!r.ok) throw new Error(`retailer not created: ${r.reason}`);
  return r.retailerId;
}

let k = 0;
async function contact(actor: Actor, retailerId: string, name = `Rita Removal ${++k}`): Promise<string> {
  const r = await addContact(actor, retailerId, { name, username: `rita${++k}`, email: `rita${k}@shop.test`, websiteAccess: false }, meta());
  if (!r.ok) throw new Error(`contact not added: ${r.reason}`);
  return r.contactId;
}

beforeAll(async () => {
  await seedDemo(await getDb());
  demo = await adminOf("demo");
  other = await adminOf("other");
});

describe("Remove retailer", () => {
  it("is refused while contacts remain, saying how many; removed contacts do not count", async () => {
    const id = await retailer(demo, "Busy Shop");
    const [a, b] = [await contact(demo, id), await contact(demo, id)];
    expect(await removeRetailer(demo, id, meta())).toEqual({ ok: false, reason: "has_contacts", contactCount: 2 });
    await removeContact(demo, a, meta());
    expect(await removeRetailer(demo, id, meta())).toEqual({ ok: false, reason: "has_contacts", contactCount: 1 });
    await removeContact(demo, b, meta());
    expect(await removeRetailer(demo, id, meta())).toEqual({ ok: true, name: "Busy Shop" });
  });

  it("is soft: the row stays with removed_at and one retailer.removed event; lists, search, the page and every verb lose it", async () => {
    const id = await retailer(demo, "Closing Shop", "CLOSE-1");
    expect(await removeRetailer(other, id, meta())).toEqual({ ok: false, reason: "not_found" });
    expect(await removeRetailer(demo, "not-a-uuid", meta())).toEqual({ ok: false, reason: "not_found" });
    expect(await removeRetailer(demo, id, meta())).toEqual({ ok: true, name: "Closing Shop" });
    expect(await removeRetailer(demo, id, meta())).toEqual({ ok: false, reason: "not_found" });

    const db = await getDb();
    const [row] = await db.select().from(retailers).where(eq(retailers.id, id));
    expect(row!.removedAt).toBeInstanceOf(Date);
    expect(row!.name).toBe("Closing Shop");
    const events = await db.select().from(auditEvents).where(and(eq(auditEvents.action, "retailer.removed"), eq(auditEvents.targetId, id)));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ organizationId: demo.organizationId, actorType: "user", actorId: demo.id, targetType: "retailer", details: { name: "Closing Shop", code: "CLOSE-1" } });

    expect(await getRetailer(demo.organizationId, id)).toBeNull();
    expect((await searchRetailers(demo.organizationId, "Closing Shop")).total).toBe(0);
    expect((await searchRetailers(demo.organizationId, "close-1")).total).toBe(0);
    expect((await searchRetailers(demo.organizationId, "")).rows.map((r) => r.id)).not.toContain(id);
    expect(await updateRetailer(demo, id, { name: "Back", code: null }, meta())).toEqual({ ok: false, reason: "not_found" });
    expect(await addContact(demo, id, { name: "Late", username: "late-one", email: "late@shop.test", websiteAccess: false }, meta())).toEqual({
      ok: false,
      reason: "retailer_not_found",
    });
  });

  it("frees its account code, whatever the case, for a new retailer or a rename", async () => {
    const id = await retailer(demo, "Old Owner", "REUSE-9");
    expect(await createRetailer(demo, { name: "New Owner", code: "reuse-9" }, meta())).toEqual({ ok: false, reason: "code_taken" });
    await removeRetailer(demo, id, meta());
    const fresh = await createRetailer(demo, { name: "New Owner", code: "reuse-9" }, meta());
    expect(fresh.ok).toBe(true);
    // The database's own index agrees: a live duplicate is still refused.
    const renamed = await retailer(demo, "Third", "T-3");
    expect(await updateRetailer(demo, renamed, { name: "Third", code: "REUSE-9" }, meta())).toEqual({ ok: false, reason: "code_taken" });
    const db = await getDb();
    await expect(db.insert(retailers).values({ organizationId: demo.organizationId, name: "Raw", code: "Reuse-9" })).rejects.toThrow();
  });

  it("a contact added while the retailer is being removed is either counted or refused, never left under a removed retailer", async () => {
    for (let round = 0; round < 4; round++) {
      const id = await retailer(demo, `Race Shop ${round}`);
      const [removed, added] = await Promise.all([
        removeRetailer(demo, id, meta()),
        addContact(demo, id, { name: `Racer ${round}`, username: `racer-${round}`, email: `racer${round}@shop.test`, websiteAccess: false }, meta()),
      ]);
      expect(removed.ok !== added.ok, JSON.stringify({ removed, added })).toBe(true);
      const db = await getDb();
      const [orphans] = await db.execute<{ n: number }>(
        sql`select count(*)::int as n from contacts c join retailers r on r.id = c.retailer_id where r.id = ${id} and r.removed_at is not null and c.removed_at is null`,
      ).then((r) => ("rows" in r ? (r.rows as { n: number }[]) : (r as unknown as { n: number }[])));
      expect(Number(orphans!.n)).toBe(0);
    }
  });
});

describe("a CSV import never reaches a removed retailer", () => {
  it("its name is unknown, and its freed account code names the retailer that has it now", async () => {
    const gone = await retailer(demo, "Gone Import Co", "GIC-1");
    expect(await removeRetailer(demo, gone, meta())).toMatchObject({ ok: true });
    const fresh = await retailer(demo, "Fresh Import Co", "gic-1");
    const file = ["Retailer,Contact name,Username,Email", "GIC-1,Ann Import,ann-import,ann@import.test", "Gone Import Co,Bob Import,bob-import,bob@import.test"].join("\n") + "\n";
    const preview = await previewImport(demo, "contacts", { name: "gone.csv", bytes: new TextEncoder().encode(file) });
    if (!preview.ok) throw new Error(`refused: ${preview.reason}`);
    const problems = await listImportProblems(demo.organizationId, preview.jobId);
    expect(problems.map((r) => [r.rowNumber, r.problems.map((p) => `${p.field}:${p.reason}`)])).toEqual([[3, ["retailer:retailer_not_found"]]]);
    // The file without the refused row goes in, to the live retailer.
    const clean = await previewImport(demo, "contacts", { name: "clean.csv", bytes: new TextEncoder().encode(file.split("\n").slice(0, 2).join("\n") + "\n") });
    if (!clean.ok) throw new Error(`refused: ${clean.reason}`);
    expect(await confirmImport(demo, clean.jobId, { sendWelcome: false }, meta())).toEqual({ ok: true });
    await runQueuedImports();
    expect((await listRetailerContacts(demo.organizationId, fresh)).map((c) => c.username)).toEqual(["ann-import"]);
    expect(await listRetailerContacts(demo.organizationId, gone)).toEqual([]);
    const [orphan] = await (await getDb()).select({ n: sql<number>`count(*)::int` }).from(contacts).where(eq(contacts.retailerId, gone));
    expect(Number(orphan!.n)).toBe(0);
  });
});

describe("Activity names every target, within the organization only", () => {
  it("names contacts (removed ones too, marked) and retailers as targets, and contacts as actors", async () => {
    const shop = await retailer(demo, "Named Shop");
    const kept = await contact(demo, shop, "Carla Kept");
    const gone = await contact(demo, shop, "Gus Gone");
    await removeContact(demo, gone, meta());
    const db = await getDb();
    // A contact acting (their own sign-in), as the storefront records it.
    await db.insert(auditEvents).values({ organizationId: demo.organizationId, action: "contact.signin.succeeded", actorType: "contact", actorId: kept, targetType: "contact", targetId: kept });

    const { rows } = await listActivity(demo.organizationId);
    const byTarget = (id: string) => rows.filter((r) => r.targetId === id);
    expect(byTarget(kept).map((r) => r.targetName)).toEqual(expect.arrayContaining(["Carla Kept"]));
    expect(byTarget(kept).every((r) => r.targetName === "Carla Kept" && r.targetType === "contact" && !r.targetRemoved)).toBe(true);
    const signIn = rows.find((r) => r.action === "contact.signin.succeeded" && r.actorId === kept)!;
    expect(signIn).toMatchObject({ actorName: "Carla Kept", actorRemoved: false });
    expect(byTarget(gone).map((r) => r.action)).toEqual(["contact.removed", "contact.created"]);
    expect(byTarget(gone).every((r) => r.targetName === "Gus Gone" && r.targetRemoved)).toBe(true);
    const created = rows.find((r) => r.action === "retailer.created" && r.targetId === shop)!;
    expect(created).toMatchObject({ targetName: "Named Shop", targetType: "retailer", targetRemoved: false });
    const staff = rows.find((r) => r.targetId === kept)!;
    expect(staff.actorName).not.toBeNull();

    // Retailer events through the Retailers filter, the removed one still by name.
    const closing = await retailer(demo, "Named Closing");
    await removeRetailer(demo, closing, meta());
    const retailerRows = (await listActivity(demo.organizationId, { type: "retailers" })).rows.filter((r) => r.targetId === closing);
    expect(retailerRows.map((r) => [r.action, r.targetName, r.targetRemoved])).toEqual([
      ["retailer.removed", "Named Closing", true],
      ["retailer.created", "Named Closing", true],
    ]);
  });

  it("never names another company's contact, retailer or user, even when an event of ours points at one", async () => {
    const theirShop = await retailer(other, "Their Secret Shop");
    const theirContact = await contact(other, theirShop, "Their Secret Contact");
    const db = await getDb();
    await db.insert(auditEvents).values([
      { organizationId: demo.organizationId, action: "contact.updated", actorType: "contact", actorId: theirContact, targetType: "contact", targetId: theirContact },
      { organizationId: demo.organizationId, action: "retailer.updated", actorType: "user", actorId: other.id, targetType: "retailer", targetId: theirShop },
      // The wrong kind: a user's id recorded as a retailer names nobody either.
      { organizationId: demo.organizationId, action: "retailer.updated", actorType: "user", actorId: demo.id, targetType: "retailer", targetId: demo.id },
    ]);
    const { rows } = await listActivity(demo.organizationId);
    const planted = rows.slice(0, 3);
    expect(planted.map((r) => r.action)).toEqual(["retailer.updated", "retailer.updated", "contact.updated"]);
    for (const r of planted.slice(1)) expect([r.actorName, r.targetName]).toEqual([null, null]);
    expect(planted[0]!.targetName).toBeNull();
    expect(planted[0]!.actorName).not.toBeNull();
    const names = JSON.stringify(rows);
    expect(names).not.toContain("Their Secret");
    // Their own trail names them.
    const theirs = await listActivity(other.organizationId);
    expect(theirs.rows.find((r) => r.targetId === theirContact)?.targetName).toBe("Their Secret Contact");
  });

  it("a removed retailer's contacts (all removed first) stay out of contact search", async () => {
    const shop = await retailer(demo, "Searchable Gone");
    const c = await contact(demo, shop, "Searchable Person");
    await removeContact(demo, c, meta());
    await removeRetailer(demo, shop, meta());
    expect((await searchContacts(demo.organizationId, "Searchable")).total).toBe(0);
  });
});
