import { and, eq, sql } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.APP_URL = "https://shop.example.test";
  process.env.IMPORT_BATCH_SIZE = "7";
});

import { getDb } from "@/lib/infra/database";
import { auditEvents, contacts, emailOutbox, importJobs, importRows, organizations, rateLimits, users } from "@/db/schema";
import { seedDemo } from "@/lib/infra/demo-seed";
import { createRetailer, type Actor } from "@/lib/retailers/retailers";
import { addContact } from "@/lib/contacts/provisioning";
import { signInContact } from "@/lib/contacts/sign-in";
import { setTransport } from "@/lib/mail";
import { getImport, getImportProgress, importResultBatches, listImportProblems, listImportResults } from "@/lib/imports/jobs";
import { confirmImport, previewImport } from "@/lib/imports/preview";
import { claimImport, runImport, runImportBatch, runQueuedImports } from "@/lib/imports/run";
import { parseImportFile } from "@/lib/imports/parse";
import { IMPORT_COLUMNS } from "@/lib/imports/validate";
import { fileRefusalSentence, rowFailureSentence, rowProblemSentence } from "@/lib/copy/imports";
import { latestEmailTo } from "../helpers/outbox";
import { adminOf } from "../helpers/actors";

let ipCounter = 0;
const meta = () => ({ ip: `10.7.${(++ipCounter >> 8) & 255}.${ipCounter & 255}`, userAgent: "vitest" });
const bytes = (text: string) => new TextEncoder().encode(text);
const csv = (lines: string[]) => bytes(lines.join("\n") + "\n");

let demo: Actor;
let other: Actor;


async function preview(actor: Actor, kind: "contacts" | "staff", lines: string[] | Uint8Array) {
  const result = await previewImport(actor, kind, { name: "file.csv", bytes: lines instanceof Uint8Array ? lines : csv(lines) });
  if (!result.ok) throw new Error(`refused: ${result.reason}`);
  return result.jobId;
}

/** Preview, confirm and run to the end, as the console and the runner do. */
async function importAll(actor: Actor, kind: "contacts" | "staff", lines: string[], sendWelcome = false) {
  const jobId = await preview(actor, kind, lines);
  expect(await confirmImport(actor, jobId, { sendWelcome }, meta())).toEqual({ ok: true });
  await runQueuedImports();
  return jobId;
}

async function problemsOf(jobId: string) {
  return (await listImportProblems(demo.organizationId, jobId)).map((r) => ({ row: r.rowNumber, problems: r.problems.map((p) => `${p.field}:${p.reason}`) }));
}

let n = 0;
const uniq = () => `${Date.now().toString(36)}${++n}`;

describe("CSV import", () => {
  beforeAll(async () => {
    setTransport(null);
    const db = await getDb();
    await seedDemo(db);
    demo = await adminOf("demo");
    other = await adminOf("other");
    for (const [actor, name, code] of [
      [demo, "Import Shop", "IMP-1"],
      [demo, "Twin Name", "TW-1"],
      [demo, "Twin Name", "TW-2"],
      [other, "Other Import Shop", "OIS"],
    ] as const) {
      const r = await createRetailer(actor, { name, code }, meta());
      if (!r.ok) throw new Error("retailer not created");
    }
  });

  beforeEach(async () => {
    const db = await getDb();
    await db.delete(rateLimits);
  });

  describe("reading the file", () => {
    const columns = IMPORT_COLUMNS.contacts;

    it("reads UTF-8 with a byte-order mark, semicolons, tabs and vertical bars, and header names in any case or spacing", () => {
      for (const sep of [",", ";", "\t", "|"]) {
        const text = `\uFEFFRETAILER${sep}contact_name${sep} UserName ${sep}E-mail${sep}Website Access\nImport Shop${sep}Zoë Ünal${sep}zoe${sep}zoe@shop.test${sep}yes\n`;
        const parsed = parseImportFile(bytes(text.replace("E-mail", "Email")), columns);
        expect(parsed).toMatchObject({ ok: true, separator: sep });
        if (!parsed.ok) continue;
        expect(parsed.rows).toEqual([{ rowNumber: 2, values: { retailer: "Import Shop", name: "Zoë Ünal", username: "zoe", email: "zoe@shop.test", websiteAccess: "yes" } }]);
      }
      // Quoted cells keep their separators; blank lines are skipped but row numbers stay the file's.
      const parsed = parseImportFile(bytes('Retailer;Contact name;Username;Email\n"Shop; Ltd";"Smith, Jo";jo;jo@x.test\n\nImport Shop;Al;al;al@x.test\n'), columns);
      expect(parsed.ok && parsed.rows.map((r) => [r.rowNumber, r.values.retailer, r.values.name])).toEqual([
        [2, "Shop; Ltd", "Smith, Jo"],
        [4, "Import Shop", "Al"],
      ]);
    });

    it("refuses a file too big, empty, without a header row, without rows, or not CSV at all, each with one sentence, and stores nothing", async () => {
      const db = await getDb();
      const before = (await db.select({ n: sql<number>`count(*)::int` }).from(importJobs))[0]!.n;
      const tooBig = parseImportFile(bytes("Retailer,Contact name,Username,Email\n" + "x,y,z,a@b.test\n".repeat(200)), columns, 1024);
      expect(tooBig).toEqual({ ok: false, reason: "too_big", maxBytes: 1024 });
      expect(fileRefusalSentence({ reason: "too_big", maxBytes: 10 * 1024 * 1024 })).toBe("This file is larger than 10 MB. Split it into smaller files and import each.");
      const cases: [Uint8Array, string][] = [
        [bytes(""), "empty"],
        [bytes("Import Shop,Al,al,al@x.test\n"), "no_header"],
        [bytes("Retailer,Contact name,Username,Email\n"), "no_rows"],
        [new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), "not_csv"],
        [new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]), "not_csv"],
        [bytes('Retailer,Contact name,Username,Email\n"unclosed,quote,x,y\n'), "not_csv"],
        [new Uint8Array([0x52, 0x65, 0x74, 0xff, 0xfe, 0x0a]), "not_csv"],
      ];
      for (const [file, reason] of cases) {
        const result = await previewImport(demo, "contacts", { name: "bad.csv", bytes: file });
        expect(result).toMatchObject({ ok: false, reason });
        expect(fileRefusalSentence(result as { reason: string })).toMatch(/\.$/);
      }
      const noHeader = await previewImport(demo, "contacts", { name: "x.csv", bytes: bytes("Import Shop,Al,al,al@x.test\n") });
      expect(fileRefusalSentence(noHeader as { reason: string; missing: string[] })).toContain('"Retailer", "Contact name", "Username", "Email"');
      expect((await db.select({ n: sql<number>`count(*)::int` }).from(importJobs))[0]!.n).toBe(before);
    });
  });

  describe("the preview", () => {
    it("finds every bad-row kind with its row number, writes nothing but the preview, and cannot be confirmed", async () => {
      const taken = `taken${uniq()}`;
      const added = await addContact(demo, (await retailerId(demo, "IMP-1"))!, { name: "Existing", username: taken, email: `${taken}@shop.test`, websiteAccess: false }, meta());
      expect(added.ok).toBe(true);
      const u = uniq();
      const jobId = await preview(demo, "contacts", [
        "Retailer,Contact name,Username,Email,Website access",
        `Import Shop,Good One,good${u},good${u}@shop.test,no`,
        `Import Shop,,noname${u},noname${u}@shop.test,no`,
        `Import Shop,Bad Email,bademail${u},not-an-email,no`,
        `Nowhere Ltd,Unknown Retailer,unknown${u},unknown${u}@shop.test,no`,
        `Twin Name,Ambiguous,twin${u},twin${u}@shop.test,no`,
        `IMP-1,Dup A,dup${u},dupa${u}@shop.test,no`,
        `IMP-1,Dup B,DUP${u},dupb${u}@shop.test,no`,
        `IMP-1,Maybe,maybe${u},maybe${u}@shop.test,perhaps`,
        `IMP-1,,,,`,
        `IMP-1,Existing Renamed,${taken},${taken}@shop.test,no`,
        `OIS,Other Org Code,othercode${u},oc${u}@shop.test,no`,
        `Nowhere Ltd,Two Problems,twoproblems${u},not-an-email,no`,
      ]);
      expect(await problemsOf(jobId)).toEqual([
        { row: 3, problems: ["name:invalid"] },
        { row: 4, problems: ["email:invalid"] },
        { row: 5, problems: ["retailer:retailer_not_found"] },
        { row: 6, problems: ["retailer:retailer_ambiguous"] },
        { row: 8, problems: ["username:duplicate_in_file"] },
        { row: 9, problems: ["websiteAccess:invalid"] },
        { row: 10, problems: ["name:invalid", "username:invalid", "email:invalid"] },
        { row: 12, problems: ["retailer:retailer_not_found"] },
        // Every problem of a row at once, the database's too.
        { row: 13, problems: ["email:invalid", "retailer:retailer_not_found"] },
      ]);
      const problems = await listImportProblems(demo.organizationId, jobId);
      expect(problems.find((p) => p.rowNumber === 8)!.problems[0]).toMatchObject({ firstRow: 7 });
      expect(rowProblemSentence(problems.find((p) => p.rowNumber === 8)!.problems[0]!)).toBe("This username is already on row 7 of the file.");
      expect(rowProblemSentence(problems.find((p) => p.rowNumber === 4)!.problems[0]!)).toBe("Enter an email address, like buyer@shop.com.");
      const job = await getImport(demo.organizationId, jobId);
      // The existing username is an update, not a problem.
      expect(job).toMatchObject({ status: "preview", totalRows: 12, problemRows: 9, plannedCreates: 2 });
      expect(await confirmImport(demo, jobId, { sendWelcome: false }, meta())).toEqual({ ok: false, reason: "has_problems" });
      const db = await getDb();
      expect(await db.select({ id: contacts.id }).from(contacts).where(sql`${contacts.username} = ${`good${u}`}`)).toEqual([]);
    });

    it("staff rows: bad user types and addresses, a username of another company, the admin demoting themselves, and the licences missing", async () => {
      const db = await getDb();
      const [org] = await db.select({ licences: organizations.licenceCount }).from(organizations).where(eq(organizations.id, demo.organizationId));
      const [active] = await db.select({ n: sql<number>`count(*)::int` }).from(users).where(and(eq(users.organizationId, demo.organizationId), eq(users.status, "active")));
      const free = org!.licences - active!.n;
      const u = uniq();
      const [me] = await db.select({ username: users.username }).from(users).where(eq(users.id, demo.id));
      const newRows = Array.from({ length: free + 3 }, (_, i) => `New ${i},new${i}-${u}@demo.test,Device,`);
      const jobId = await preview(demo, "staff", [
        "Name,Username,User type,Email to",
        ...newRows,
        `Bad Type,badtype${u}@demo.test,manager,`,
        `Bad Email To,bademailto${u}@demo.test,device,not-an-address`,
        `Other Admin,admin@other.test,admin,`,
        `Me,${me!.username},device,`,
      ]);
      expect((await problemsOf(jobId)).map((p) => p.problems[0])).toEqual(["userType:invalid", "emailTo:invalid", "username:username_taken", "userType:own_account"]);
      const job = await getImport(demo.organizationId, jobId);
      expect(job!.licences).toEqual({ free, missing: 3 });

      // The same new users alone: no row problem, but three licences short, so confirm refuses.
      const short = await preview(demo, "staff", ["Name,Username,User type,Email to", ...newRows]);
      expect((await getImport(demo.organizationId, short))!.licences).toEqual({ free, missing: 3 });
      expect(await confirmImport(demo, short, { sendWelcome: false }, meta())).toEqual({ ok: false, reason: "no_licence", missing: 3 });
    });

    it("another organization's import is not found: not shown, not confirmed, no progress, no rows", async () => {
      const u = uniq();
      const jobId = await preview(demo, "contacts", ["Retailer,Contact name,Username,Email", `Import Shop,Priv,priv${u},priv${u}@shop.test`]);
      expect(await getImport(other.organizationId, jobId)).toBeNull();
      expect(await getImportProgress(other.organizationId, jobId)).toBeNull();
      expect(await listImportProblems(other.organizationId, jobId)).toEqual([]);
      expect(await listImportResults(other.organizationId, jobId, { limit: 10 })).toEqual([]);
      expect(await confirmImport(other, jobId, { sendWelcome: false }, meta())).toEqual({ ok: false, reason: "not_found" });
      expect(await getImport(demo.organizationId, "not-a-uuid")).toBeNull();
      expect((await getImport(demo.organizationId, jobId))!.status).toBe("preview");
    });
  });

  describe("running", () => {
    it("imports contacts in batches with progress, audits the import and each account, and a re-import creates nobody and sends no second welcome", async () => {
      const u = uniq();
      const rows = Array.from({ length: 20 }, (_, i) => `${i % 2 ? "Import Shop" : "imp-1"},Person ${i},p${i}-${u},p${i}-${u}@shop.test,${i < 3 ? "yes" : "no"}`);
      const lines = ["Retailer,Contact name,Username,Email,Website access", ...rows];
      const jobId = await preview(demo, "contacts", lines);
      expect(await confirmImport(demo, jobId, { sendWelcome: true }, meta())).toEqual({ ok: true });
      expect(await confirmImport(demo, jobId, { sendWelcome: true }, meta())).toEqual({ ok: false, reason: "already_confirmed" });
      expect((await getImportProgress(demo.organizationId, jobId))!).toMatchObject({ status: "queued", done: 0, total: 20 });

      const owner = "runner-a";
      expect(await claimImport(owner)).toBe(jobId);
      // Another runner finds nothing to take while the lease runs.
      expect(await claimImport("runner-b")).toBeNull();
      expect(await runImportBatch(jobId, owner)).toMatchObject({ status: "more", rows: 7, emailsQueued: 3 });
      const mid = (await getImportProgress(demo.organizationId, jobId))!;
      expect(mid).toMatchObject({ status: "running", done: 7, total: 20, created: 7 });
      expect(mid.rowsPerSecond).toBeGreaterThan(0);
      expect(mid.secondsLeft).toBeGreaterThanOrEqual(0);
      // A runner that lost the job writes nothing.
      expect(await runImportBatch(jobId, "runner-b")).toEqual({ status: "lost", rows: 0, emailsQueued: 0 });
      expect(await runImport(jobId, { owner })).toBe("done");
      const done = (await getImportProgress(demo.organizationId, jobId))!;
      expect(done).toMatchObject({ status: "done", done: 20, created: 20, updated: 0, unchanged: 0, failed: 0, secondsLeft: 0 });

      const db = await getDb();
      const made = await db.select({ id: contacts.id, websiteAccess: contacts.websiteAccess, temp: sql<boolean>`${contacts.tempPasswordHash} is not null` }).from(contacts).where(sql`${contacts.username} like ${`p%-${u}`}`);
      expect(made).toHaveLength(20);
      expect(made.filter((c) => c.websiteAccess && c.temp)).toHaveLength(3);
      const welcomes = await db.select({ to: emailOutbox.toAddress }).from(emailOutbox).where(and(eq(emailOutbox.template, "contact-welcome"), sql`${emailOutbox.toAddress} like ${`%-${u}@shop.test`}`));
      expect(welcomes.map((w) => w.to).sort()).toEqual([0, 1, 2].map((i) => `p${i}-${u}@shop.test`));
      const created = await db.select({ id: auditEvents.id }).from(auditEvents).where(and(eq(auditEvents.action, "contact.created"), sql`${auditEvents.targetId} in ${made.map((c) => c.id)}`));
      expect(created).toHaveLength(20);
      const [completed] = await db.select().from(auditEvents).where(and(eq(auditEvents.action, "import.completed"), sql`${auditEvents.details}->>'importId' = ${jobId}`));
      expect(completed).toMatchObject({ organizationId: demo.organizationId, actorId: demo.id, ip: expect.stringMatching(/^10\.7\./), userAgent: "vitest" });
      expect(completed!.details).toMatchObject({ kind: "contacts", rows: 20, created: 20, updated: 0, unchanged: 0, failed: 0 });

      // The welcome's temporary password signs the contact in, once, and forces their own.
      const temp = /Your temporary password:\s+(\S+)/.exec((await latestEmailTo(`p0-${u}@shop.test`))!.text ?? "")![1]!;
      const signedIn = await signInContact(demo.organizationId, { username: `p0-${u}`, password: temp }, meta());
      expect(signedIn).toMatchObject({ ok: true, contact: { mustChangePassword: true } });

      // The same file again (two names changed): all updated or unchanged, nothing created, no welcome.
      const again = lines.map((l, i) => (i === 4 ? l.replace("Person 3", "Person Three") : i === 5 ? l.replace(`p4-${u}@shop.test`, `p4-new-${u}@shop.test`) : l));
      const second = await importAll(demo, "contacts", again, true);
      expect((await getImportProgress(demo.organizationId, second))!).toMatchObject({ status: "done", done: 20, created: 0, updated: 2, unchanged: 18, failed: 0 });
      expect(await db.select({ id: contacts.id }).from(contacts).where(sql`${contacts.username} like ${`p%-${u}`}`)).toHaveLength(20);
      const welcomesAfter = await db.select({ id: emailOutbox.id }).from(emailOutbox).where(and(eq(emailOutbox.template, "contact-welcome"), sql`${emailOutbox.toAddress} like ${`%-${u}@shop.test`}`));
      expect(welcomesAfter).toHaveLength(3);
      // The email change went through Edit contact's rule: an audit event saying the sessions ended.
      const [p4] = await db.select({ id: contacts.id, email: contacts.email }).from(contacts).where(eq(contacts.username, `p4-${u}`));
      expect(p4!.email).toBe(`p4-new-${u}@shop.test`);
      const [edit] = await db.select({ details: auditEvents.details }).from(auditEvents).where(and(eq(auditEvents.action, "contact.updated"), eq(auditEvents.targetId, p4!.id)));
      expect(edit!.details).toMatchObject({ changed: ["email"], sessionsEnded: true });
      const results = await listImportResults(demo.organizationId, second, { limit: 50 });
      expect(results.filter((r) => r.outcome === "updated").map((r) => r.username)).toEqual([`p3-${u}`, `p4-${u}`]);

      // The result CSV: every row, its outcome and reason.
      const out: (string | null)[][] = [];
      for await (const batch of importResultBatches(demo.organizationId, second, rowFailureSentence, 6)) out.push(...batch);
      expect(out).toHaveLength(20);
      expect(out[0]).toEqual(["2", `p0-${u}`, "unchanged", null]);
      const none: unknown[] = [];
      for await (const batch of importResultBatches(other.organizationId, second, rowFailureSentence)) none.push(...batch);
      expect(none).toEqual([]);
    });

    it("a changed email voids a temporary password sent before (the same rule as Edit contact)", async () => {
      const u = uniq();
      const first = await importAll(demo, "contacts", ["Retailer,Contact name,Username,Email,Website access", `Import Shop,Vee,vee${u},vee${u}@shop.test,yes`], true);
      expect((await getImportProgress(demo.organizationId, first))!.created).toBe(1);
      const temp = /Your temporary password:\s+(\S+)/.exec((await latestEmailTo(`vee${u}@shop.test`))!.text ?? "")![1]!;
      await importAll(demo, "contacts", ["Retailer,Contact name,Username,Email,Website access", `Import Shop,Vee,vee${u},vee-new${u}@shop.test,yes`], true);
      expect(await signInContact(demo.organizationId, { username: `vee${u}`, password: temp }, meta())).toMatchObject({ ok: false });
    });

    it("imports staff users within the licences, invites only when asked, updates by username, and a rerun creates nobody", async () => {
      const db = await getDb();
      await db.update(organizations).set({ licenceCount: 1000 }).where(eq(organizations.id, demo.organizationId));
      const u = uniq();
      const lines = ["Name,Username,User type,Email to", `Sam ${u},sam${u}@demo.test,Device,`, `Kit ${u},kit${u},scanpack,kit${u}@mail.test`];
      const noInvite = await importAll(demo, "staff", lines, false);
      expect((await getImportProgress(demo.organizationId, noInvite))!).toMatchObject({ created: 2 });
      expect(await db.select({ id: emailOutbox.id }).from(emailOutbox).where(eq(emailOutbox.toAddress, `sam${u}@demo.test`))).toEqual([]);
      const again = await importAll(demo, "staff", [lines[0]!, lines[1]!.replace(`Sam ${u}`, `Samantha ${u}`), lines[2]!], true);
      expect((await getImportProgress(demo.organizationId, again))!).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
      // An update is not a new user: no invite either way.
      expect(await db.select({ id: emailOutbox.id }).from(emailOutbox).where(eq(emailOutbox.toAddress, `sam${u}@demo.test`))).toEqual([]);
      const [sam] = await db.select({ name: users.displayName, type: users.userType }).from(users).where(eq(users.username, `sam${u}@demo.test`));
      expect(sam).toEqual({ name: `Samantha ${u}`, type: "device" });
      const invited = await importAll(demo, "staff", ["Name,Username,User type", `Ivy ${u},ivy${u}@demo.test,admin`], true);
      expect((await getImportProgress(demo.organizationId, invited))!.created).toBe(1);
      expect(await db.select({ t: emailOutbox.template }).from(emailOutbox).where(eq(emailOutbox.toAddress, `ivy${u}@demo.test`))).toHaveLength(1);
      const events = await db.select({ id: auditEvents.id }).from(auditEvents).where(and(eq(auditEvents.action, "user.created"), sql`${auditEvents.details}->>'userType' is not null`, sql`${auditEvents.targetId} in (select id from users where username like ${`%${u}%`})`));
      expect(events).toHaveLength(3);
    });

    it("a row the database refuses at run time fails alone with its reason; the other rows are imported", async () => {
      const u = uniq();
      const jobId = await preview(demo, "contacts", ["Retailer,Contact name,Username,Email", `Import Shop,Ok,ok${u},ok${u}@shop.test`, `Import Shop,Late,late${u},late${u}@shop.test`]);
      expect(await problemsOf(jobId)).toEqual([]);
      expect(await confirmImport(demo, jobId, { sendWelcome: false }, meta())).toEqual({ ok: true });
      // The retailer named by row 3 is gone by the time the job runs.
      const db = await getDb();
      const [r] = await db.insert((await import("@/db/schema")).retailers).values({ organizationId: demo.organizationId, name: `Gone ${u}` }).returning({ id: sql<string>`id` });
      await db.update(importRows).set({ data: sql`jsonb_set(${importRows.data}, '{retailerId}', to_jsonb(${r!.id}::text))` }).where(and(eq(importRows.jobId, jobId), eq(importRows.rowNumber, 3)));
      await db.execute(sql`delete from retailers where id = ${r!.id}`);
      await runQueuedImports();
      expect((await getImportProgress(demo.organizationId, jobId))!).toMatchObject({ status: "done", created: 1, failed: 1 });
      const results = await listImportResults(demo.organizationId, jobId, { limit: 10 });
      expect(results.map((x) => [x.rowNumber, x.outcome, x.reason])).toEqual([
        [2, "created", null],
        [3, "failed", "retailer_not_found"],
      ]);
      expect(rowFailureSentence("retailer_not_found")).toBe("That retailer was not found.");
    });

    it("a runner that dies mid-job loses only its uncommitted batch: after the lease another runner resumes without duplicates", async () => {
      const db = await getDb();
      const u = uniq();
      const jobId = await preview(demo, "contacts", ["Retailer,Contact name,Username,Email", ...Array.from({ length: 16 }, (_, i) => `Import Shop,R ${i},r${i}-${u},r${i}-${u}@shop.test`)]);
      await confirmImport(demo, jobId, { sendWelcome: false }, meta());
      expect(await claimImport("dying")).toBe(jobId);
      await runImportBatch(jobId, "dying");
      // The instance dies here, holding the lease; once it runs out another one takes over.
      expect(await claimImport("survivor")).toBeNull();
      await db.update(importJobs).set({ lockedUntil: sql`now() - interval '1 second'` }).where(eq(importJobs.id, jobId));
      expect(await claimImport("survivor")).toBe(jobId);
      expect(await runImport(jobId, { owner: "survivor" })).toBe("done");
      expect(await runImportBatch(jobId, "dying")).toMatchObject({ status: "lost" });
      expect((await getImportProgress(demo.organizationId, jobId))!).toMatchObject({ status: "done", done: 16, created: 16, failed: 0 });
      const rows = await db.select({ id: contacts.id }).from(contacts).where(sql`${contacts.username} like ${`r%-${u}`}`);
      expect(rows).toHaveLength(16);
      const completions = await db.select({ id: auditEvents.id }).from(auditEvents).where(and(eq(auditEvents.action, "import.completed"), sql`${auditEvents.details}->>'importId' = ${jobId}`));
      expect(completions).toHaveLength(1);
    });
  });
});

async function retailerId(actor: Actor, code: string): Promise<string | null> {
  const db = await getDb();
  const { retailers } = await import("@/db/schema");
  const [r] = await db.select({ id: retailers.id }).from(retailers).where(and(eq(retailers.organizationId, actor.organizationId), eq(retailers.code, code)));
  return r?.id ?? null;
}
