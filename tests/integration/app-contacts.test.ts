import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as resetContact } from "@/app/api/app/contacts/[id]/reset-password/route";
import { GET as listContacts } from "@/app/api/app/contacts/route";
import { getDb } from "@/lib/infra/database";
import { contacts } from "@/db/schema";
import { DEMO_PASSWORD, seedDemo } from "@/lib/infra/demo-seed";
import { signInToApp } from "@/lib/sessions/app-tokens";
import { verifySecret } from "@/lib/credentials/hashing";
import { latestEmailTo } from "../helpers/outbox";

const meta = { ip: "198.51.100.90", userAgent: "vitest" };

async function tokenFor(username: string, app: "sales-plus" | "scanpack") {
  const result = await signInToApp({ username, password: DEMO_PASSWORD, app }, meta);
  if (!result.ok) throw new Error(`sign-in failed for ${username}`);
  return result.token;
}

const get = (q: string, token?: string) =>
  listContacts(new Request(`http://127.0.0.1/api/app/contacts?q=${encodeURIComponent(q)}`, { headers: token ? { authorization: `Bearer ${token}` } : {} }));
const reset = (id: string, token: string) =>
  resetContact(new Request(`http://127.0.0.1/api/app/contacts/${id}/reset-password`, { method: "POST", headers: { authorization: `Bearer ${token}` } }), {
    params: Promise.resolve({ id }),
  });

async function contactId(username: string) {
  const db = await getDb();
  const [row] = await db.select({ id: contacts.id, hash: contacts.passwordHash }).from(contacts).where(eq(contacts.username, username));
  return row!;
}

describe("the apps' contact endpoints", () => {
  let device: string;
  let scanpack: string;

  beforeAll(async () => {
    await seedDemo(await getDb());
    device = await tokenFor("device@demo.test", "sales-plus");
    scanpack = await tokenFor("scanpack@demo.test", "scanpack");
  });

  it("lets a device user search their organization's contacts by retailer or name", async () => {
    const response = await get("corner", device);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.contacts.map((c: { username: string }) => c.username).sort()).toEqual(["cornerbuyer", "cornerowner"]);
    expect(JSON.stringify(body)).not.toMatch(/hash|password/i);
    const other = await (await get("harbour", device)).json();
    expect(other.contacts).toEqual([]);
  });

  it("refuses ScanPack users and missing tokens", async () => {
    expect((await get("corner", scanpack)).status).toBe(403);
    expect((await get("corner")).status).toBe(401);
  });

  it("resets a contact with a temporary password the caller never sees; another organization's contact is 404", async () => {
    const owner = await contactId("cornerowner");
    const response = await reset(owner.id, device);
    expect(response.status).toBe(202);
    const body = await response.json();
    expect(body).toMatchObject({ status: "sent", email: "owner@cornerstore.test" });
    expect(JSON.stringify(body)).not.toMatch(/password"/);
    expect((await latestEmailTo("owner@cornerstore.test"))?.template).toBe("contact-temporary-password");
    // The old password stopped working.
    const after = await contactId("cornerowner");
    expect(after.hash === null || !(await verifySecret(after.hash, DEMO_PASSWORD))).toBe(true);

    const harbour = await contactId("harbourbuyer");
    expect((await reset(harbour.id, device)).status).toBe(404);
    expect((await contactId("harbourbuyer")).hash).toBe(harbour.hash);
    expect((await reset("not-a-uuid", device)).status).toBe(404);
    expect((await reset(owner.id, scanpack)).status).toBe(403);
  });
});
