import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { DEMO_ORGANIZATIONS } from "@/lib/infra/demo-accounts";
import { leakedSecrets, secretsInMail } from "../helpers/secrets";
import { DEMO_PASSWORD, expect, test } from "./fixtures";
import { E2E_ORG } from "./support/accounts";
import type { Mail } from "./support/mailbox";

/**
 * Runs after every other spec (its own project, tests/e2e/playwright.config.ts): the server's
 * whole output for the run (scripts/e2e.mjs sends it to E2E_SERVER_LOG) holds none of the
 * passwords the specs typed, nor any code, link token or temporary password the run emailed.
 */
test("the server logged no password, code, token or temporary password of the run", async ({ request }) => {
  const logFile = process.env.E2E_SERVER_LOG;
  test.skip(!logFile, "run through npm run test:e2e, which collects the server's output");
  const log = readFileSync(logFile!, "utf8");
  // The server did write to it (its ready line), so an empty check cannot pass for a clean one.
  expect(log).toContain("Gatehouse (production)");

  const typed = new Set([DEMO_PASSWORD]);
  for (const file of readdirSync(import.meta.dirname).filter((f) => f.endsWith(".spec.ts"))) {
    const source = readFileSync(path.join(import.meta.dirname, file), "utf8");
    for (const [, password] of source.matchAll(/PASSWORD\w*\s*=\s*"([^"]{8,})"/g)) typed.add(password!);
  }
  expect(typed.size).toBeGreaterThan(1);

  // Every address the run mails (the dev mailbox answers at most 200 messages per query).
  const addresses = new Set<string>();
  for (const org of [...DEMO_ORGANIZATIONS, E2E_ORG]) {
    for (const u of org.users) [u.username, u.emailTo].forEach((a) => a && addresses.add(a));
    for (const r of org.retailers) for (const c of r.contacts) addresses.add(c.email);
  }
  const mail = new Map<string, Mail>();
  for (const query of ["", ...[...addresses].map((a) => `&to=${encodeURIComponent(a)}`)]) {
    const response = await request.get(`/api/dev/mailbox?limit=200${query}`);
    for (const m of (await response.json()) as Mail[]) mail.set(`${m.to} ${m.sentAt} ${m.subject}`, m);
  }
  const emailed = [...mail.values()].flatMap((m) => secretsInMail(m.text));
  expect(emailed.length, "the run emailed codes, links and temporary passwords").toBeGreaterThan(0);

  expect(leakedSecrets(log, [...typed, ...emailed])).toEqual([]);
});
