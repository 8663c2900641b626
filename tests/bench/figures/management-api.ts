import { createHmac, randomBytes } from "node:crypto";
import { useDatabase } from "@/lib/infra/database";
import { addContact } from "@/lib/contacts/provisioning";
import { searchUsers } from "@/lib/staff/admin";
import { SIZES } from "../config";
import type { BenchDatabase } from "../database";
import { summarize, type Summary } from "../stats";

/**
 * The management API at scale: `GET /api/v1/users?q=…&limit=100` on the search's seeded users,
 * beside the same search run in-process (`searchUsers`, its ceiling: the API adds the key check,
 * the rate limit, parsing and JSON), and creating contacts one POST at a time beside the same
 * `addContact` calls in-process.
 */

export type ApiFigures = {
  list: { api: Summary; inProcess: Summary; failed: number };
  create: { count: number; api: Summary; inProcess: Summary; apiTotalMs: number; inProcessTotalMs: number; failed: number; failure?: string };
};

/** The HMAC key the bench's server digests API keys with (passed to it as TOKEN_HMAC_SECRET). */
export const BENCH_TOKEN_HMAC_SECRET = randomBytes(32).toString("base64");

async function insertKey(db: BenchDatabase, organizationId: string): Promise<string> {
  const secret = `gh_live_${randomBytes(32).toString("base64url")}`;
  const digest = createHmac("sha256", BENCH_TOKEN_HMAC_SECRET).update(secret).digest("hex");
  await db.sql`insert into api_keys (organization_id, name, prefix, secret_hash, scopes)
               values (${organizationId}, 'bench', ${secret.slice(0, 14)}, ${digest}, ${["read", "write"]})`;
  return secret;
}

export async function measureManagementApi(options: { baseUrl: string; db: BenchDatabase; organizationIds: string[] }): Promise<ApiFigures> {
  const { baseUrl, db } = options;
  useDatabase(db.handle);
  const orgs = options.organizationIds.filter((_, i) => i % Math.max(1, Math.floor(options.organizationIds.length / 10)) === 0).slice(0, 10);
  const keys = new Map<string, string>();
  for (const org of orgs) keys.set(org, await insertKey(db, org));
  const names = await db.sql<{ organizationId: string; name: string }[]>`
    select organization_id as "organizationId", lower(split_part(display_name, ' ', 1)) as name
    from (select *, row_number() over (partition by organization_id order by md5(id::text)) r from users where organization_id in ${db.sql(orgs)}) s
    where r <= 20`;
  const queries = Array.from({ length: Math.min(SIZES.searchQueries, 300) }, (_, i) => names[(i * 7) % names.length]!);

  const apiTimes: number[] = [];
  const localTimes: number[] = [];
  let failed = 0;
  const get = (q: { organizationId: string; name: string }) =>
    fetch(`${baseUrl}/api/v1/users?q=${encodeURIComponent(q.name.slice(0, 4))}&limit=100`, { headers: { authorization: `Bearer ${keys.get(q.organizationId)}` } });
  for (const q of queries.slice(0, 10)) await (await get(q)).arrayBuffer();
  // Alternating, so load on the machine weighs on both the same.
  for (const q of queries) {
    let t0 = performance.now();
    const response = await get(q);
    await response.arrayBuffer();
    apiTimes.push(performance.now() - t0);
    if (response.status !== 200) failed++;
    t0 = performance.now();
    await searchUsers(q.organizationId, { q: q.name.slice(0, 4), pageSize: 101 });
    localTimes.push(performance.now() - t0);
  }

  const org = orgs[0]!;
  const [retailer] = await db.sql<{ id: string }[]>`insert into retailers (organization_id, name) values (${org}, 'Bench Retail') returning id`;
  const count = SIZES.apiContacts;
  const createApi: number[] = [];
  const createLocal: number[] = [];
  let createFailed = 0;
  let failure: string | undefined;
  const apiStart = performance.now();
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    const response = await fetch(`${baseUrl}/api/v1/contacts`, {
      method: "POST",
      headers: { authorization: `Bearer ${keys.get(org)}`, "content-type": "application/json", "idempotency-key": `bench-${i}` },
      body: JSON.stringify({ retailer_id: retailer!.id, name: `Api Contact ${i}`, username: `api-${i}`, email: `api-${i}@bench.test` }),
    });
    const text = await response.text();
    createApi.push(performance.now() - t0);
    if (response.status !== 201) {
      createFailed++;
      failure ??= `${response.status} ${text.slice(0, 120)}`;
    }
  }
  const apiTotalMs = performance.now() - apiStart;
  const [key] = await db.sql<{ id: string }[]>`select id from api_keys where organization_id = ${org} limit 1`;
  const actor = { id: key!.id, organizationId: org, kind: "api_key" as const };
  const localStart = performance.now();
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    await addContact(actor, retailer!.id, { name: `Local Contact ${i}`, username: `local-${i}`, email: `local-${i}@bench.test`, websiteAccess: false }, { ip: null, userAgent: null });
    createLocal.push(performance.now() - t0);
  }
  const inProcessTotalMs = performance.now() - localStart;
  return {
    list: { api: summarize(apiTimes), inProcess: summarize(localTimes), failed },
    create: { count, api: summarize(createApi), inProcess: summarize(createLocal), apiTotalMs, inProcessTotalMs, failed: createFailed, failure },
  };
}
