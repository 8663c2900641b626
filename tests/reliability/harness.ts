import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { createHmac, randomBytes } from "node:crypto";
import { chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { migrateDatabase, openDatabase, type DatabaseHandle } from "@/db/client";
import { useDatabase } from "@/lib/infra/database";
import { DEMO_PASSWORD, seedDemo } from "@/lib/infra/demo-seed";
import { apiKeys, devMailbox, organizations } from "@/db/schema";
import { eq } from "drizzle-orm";
import { leakedSecrets, secretsInMail } from "../helpers/secrets";

/**
 * Real `npm start` (server.mjs) processes of the production build (run `npm run build` first) on a
 * database of the test's own, so limits and mail can be checked across instances.
 */

const root = path.resolve(import.meta.dirname, "../..");
const secrets = { AUTH_SECRET: randomBytes(32).toString("base64"), TOKEN_HMAC_SECRET: randomBytes(32).toString("base64") };

/** The instances' AUTH_SECRET, for tests that forge a session cookie the proxy would believe. */
export const instanceAuthSecret = secrets.AUTH_SECRET;

/**
 * A management API key the instances accept, written straight into the database (its digest
 * under the instances' TOKEN_HMAC_SECRET, which the test process does not share).
 */
export async function insertApiKey(handle: DatabaseHandle, slug: string, access: "read" | "write", extra: { expiresAt?: Date } = {}): Promise<{ id: string; secret: string }> {
  const secret = `gh_live_${randomBytes(32).toString("base64url")}`;
  const [org] = await handle.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.slug, slug));
  const [row] = await handle.db
    .insert(apiKeys)
    .values({
      organizationId: org!.id,
      name: `${access} key`,
      prefix: secret.slice(0, 14),
      secretHash: createHmac("sha256", secrets.TOKEN_HMAC_SECRET).update(secret).digest("hex"),
      scopes: access === "write" ? ["read", "write"] : ["read"],
      expiresAt: extra.expiresAt ?? null,
    })
    .returning({ id: apiKeys.id });
  return { id: row!.id, secret };
}

export function serverUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("The reliability tests need DATABASE_URL (a PostgreSQL server).");
  return url;
}

/** Every instance's output, by database, for the log check when the database is dropped. */
const outputsByDatabase = new Map<string, (() => string)[]>();
const typedSecrets = new Set<string>([DEMO_PASSWORD]);

/** The texts of the messages a fake Resend received (tests/helpers/fake-resend.ts), for the log check. */
export const mailTextsOf = (fake: { requests: { body: Record<string, unknown> }[] }) => fake.requests.map((r) => String(r.body.text ?? ""));

/** A password (or other secret) a test typed or received, which no server log may contain. */
export function noteSecret(...secrets: string[]): void {
  for (const secret of secrets) typedSecrets.add(secret);
}

/**
 * No server of this database logged a password, code, link token or temporary password: the
 * demo password, every secret a test noted and every one in the mail the servers sent (the dev
 * mailbox, plus `otherMail`: the texts a fake provider received).
 */
export async function assertNoSecretsLogged(handle: DatabaseHandle, url: string, otherMail: string[] = []): Promise<void> {
  const mail = [...(await handle.db.select({ text: devMailbox.text }).from(devMailbox)).map((m) => m.text), ...otherMail];
  const secrets = [...typedSecrets, ...mail.flatMap(secretsInMail)];
  const log = (outputsByDatabase.get(url) ?? []).map((output) => output()).join("\n");
  const leaks = leakedSecrets(log, secrets);
  if (leaks.length > 0) throw new Error(`server output contains ${leaks.length} secret(s) of this run: ${leaks.join(", ")}`);
}

/**
 * A fresh, migrated, seeded database; the test process talks to it too. Dropping it first
 * checks that none of its servers logged a secret (assertNoSecretsLogged).
 */
export async function createDatabase(): Promise<{ url: string; handle: DatabaseHandle; drop: (otherMail?: string[]) => Promise<void> }> {
  const name = `gatehouse_rel_${randomBytes(5).toString("hex")}`;
  const admin = postgres(serverUrl(), { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  const handle = await openDatabase({ kind: "postgres", url: url.toString() });
  await migrateDatabase(handle);
  await seedDemo(handle.db);
  useDatabase(handle);
  return {
    url: url.toString(),
    handle,
    drop: async (otherMail?: string[]) => {
      try {
        await assertNoSecretsLogged(handle, url.toString(), otherMail);
      } finally {
        await dropDatabase();
      }
    },
  };
  async function dropDatabase() {
    await handle.close();
    const cleanup = postgres(serverUrl(), { max: 1, onnotice: () => {} });
    await cleanup.unsafe(`drop database if exists ${name} with (force)`);
    await cleanup.end();
  }
}

export type Instance = { url: string; port: number; stop: (signal?: NodeJS.Signals) => Promise<void>; output: () => string };

let nextPort = 3700 + Math.floor(Math.random() * 200);

export async function startInstance(databaseUrl: string, env: Record<string, string> = {}): Promise<Instance> {
  const port = nextPort++;
  const url = `http://127.0.0.1:${port}`;
  let log = "";
  const child: ChildProcess = spawn("npm", ["start", "--", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: root,
    env: {
      ...process.env,
      ...secrets,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: databaseUrl,
      APP_URL: url,
      MAIL_TRANSPORT: "dev",
      MAIL_SWEEP_INTERVAL_SECONDS: "1",
      MAIL_RETRY_BASE_SECONDS: "1",
      SIGNIN_IP_LIMIT: "100000",
      USERNAME_CHECK_IP_LIMIT: "100000",
      RESET_REQUEST_IP_LIMIT: "100000",
      CODE_ENTRY_IP_LIMIT: "100000",
      ...env,
    } as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  child.stdout!.on("data", (d) => (log += d));
  child.stderr!.on("data", (d) => (log += d));
  const outputs = outputsByDatabase.get(databaseUrl) ?? [];
  outputs.push(() => log);
  outputsByDatabase.set(databaseUrl, outputs);
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
      // Never leave a half-started server behind (it would hold the port and the database).
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // already gone
      }
      throw new Error(`instance on ${port} did not start:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    port,
    output: () => log,
    stop: (signal = "SIGTERM") =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        // The whole process group: npx and the Next.js server under it.
        try {
          process.kill(-child.pid!, signal);
        } catch {
          resolve();
        }
      }),
  };
}

/** The page's form that has the most of these fields (the header's "Sign out" form comes first). */
function findForm(html: string, fields: Record<string, string>, pagePath: string): string {
  const forms = [...html.matchAll(/<form[^>]*method="POST"[^>]*>([\s\S]*?)<\/form>/g)].map((m) => m[1]!);
  const matches = (f: string) => Object.keys(fields).filter((k) => f.includes(`name="${k}"`)).length;
  const form = forms.reduce<string | undefined>((best, f) => (best === undefined || matches(f) > matches(best) ? f : best), undefined);
  // Never another form by accident (the header's Sign out would end the session under test).
  if (!form || (Object.keys(fields).length > 0 && matches(form) === 0)) throw new Error(`no form with ${Object.keys(fields).join(", ")} on ${pagePath}`);
  return form;
}

const unescapeHtml = (value: string) => value.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

/**
 * A browser-free form post, exactly as a browser without JavaScript submits the page's form.
 * The given fields replace the page's hidden inputs of the same name (a client can send any
 * `userId` it likes), the other hidden inputs (React's action reference) stay.
 */
export async function submitForm(
  baseUrl: string,
  pagePath: string,
  fields: Record<string, string>,
  cookie = "",
): Promise<{ status: number; html: string; location: string | null; cookies: string[] }> {
  const page = await fetch(`${baseUrl}${pagePath}`, { headers: { cookie } });
  const form = findForm(await page.text(), fields, pagePath);
  const body = new FormData();
  for (const [, name, value] of form.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?/g)) {
    body.append(name!, unescapeHtml(value ?? ""));
  }
  for (const [k, v] of Object.entries(fields)) body.set(k, v);
  const response = await fetch(`${baseUrl}${pagePath}`, { method: "POST", body, headers: { cookie, origin: baseUrl }, redirect: "manual" });
  return { status: response.status, html: await response.text(), location: response.headers.get("location"), cookies: response.headers.getSetCookie() };
}

/** A server action's id in the production build, by its exported name (`signInAction`). */
export function actionIdByName(exportedName: string): string {
  const manifest = JSON.parse(readFileSync(path.join(root, ".next/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { exportedName?: string }>;
  };
  const ids = Object.entries(manifest.node).filter(([, action]) => action.exportedName === exportedName).map(([id]) => id);
  if (ids.length !== 1) throw new Error(`${ids.length} server actions named ${exportedName} in the build`);
  return ids[0]!;
}

/**
 * One HTTP request with exactly these headers (fetch will not send a Host of our choosing).
 * A FormData body is sent as multipart, as a browser would.
 */
export async function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: FormData | string } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }> {
  const headers: Record<string, string> = { ...options.headers };
  let body: Buffer | undefined;
  if (options.body instanceof FormData) {
    const encoded = new Request("http://localhost/", { method: "POST", body: options.body });
    headers["content-type"] = encoded.headers.get("content-type")!;
    body = Buffer.from(await encoded.arrayBuffer());
  } else if (options.body !== undefined) body = Buffer.from(options.body);
  if (body) headers["content-length"] = String(body.length);
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? "GET", headers, setHost: !Object.keys(headers).some((h) => h.toLowerCase() === "host") }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** The form body React sends for a server action called with JavaScript (see callAction). */
export function actionBody(fields: Record<string, string>): FormData {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(`_1_${k}`, v);
  body.append("0", '[{"ok":false},"$K1"]');
  return body;
}

/**
 * A server action called as React calls it with JavaScript (`Next-Action` header,
 * `useActionState`'s initial state and the form's fields), posted to any path: the action's own
 * checks answer, whatever the proxy or the page would have done.
 */
export async function callAction(
  baseUrl: string,
  actionId: string,
  fields: Record<string, string>,
  options: { cookie?: string; path?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; text: string; location: string | null }> {
  const response = await fetch(`${baseUrl}${options.path ?? "/"}`, {
    method: "POST",
    body: actionBody(fields),
    headers: { "next-action": actionId, accept: "text/x-component", origin: baseUrl, cookie: options.cookie ?? "", ...options.headers },
    redirect: "manual",
  });
  return { status: response.status, text: await response.text(), location: response.headers.get("location") ?? response.headers.get("x-action-redirect") };
}

/** Auth.js's credentials sign-in over plain HTTP: the refusal code, or the session cookie. */
export async function credentialsSignIn(baseUrl: string, username: string, password: string) {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookies = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookies, origin: baseUrl },
    body: new URLSearchParams({ csrfToken, username, password }),
    redirect: "manual",
  });
  const location = response.headers.get("location") ?? "";
  const session = response.headers.getSetCookie().find((c) => c.includes("session-token"));
  return {
    status: response.status,
    code: new URL(location, baseUrl).searchParams.get("code"),
    cookie: session ? session.split(";")[0]! : null,
  };
}

export async function waitFor<T>(check: () => Promise<T | undefined | false>, timeoutMs = 20_000, what = "condition"): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export type Cluster = { url: (database: string) => string; stop: () => Promise<void>; start: () => Promise<void>; remove: () => Promise<void> };

/**
 * A throwaway PostgreSQL server of the test's own (initdb + pg_ctl in a temp folder, trust
 * auth, a free port), so a test can stop and start "the database" without touching the
 * server other tests share. Run as the `postgres` OS user when the test runs as root
 * (PostgreSQL refuses to run as root).
 */
export async function startCluster(): Promise<Cluster> {
  const versions = existsSync("/usr/lib/postgresql") ? readdirSync("/usr/lib/postgresql").sort((a, b) => Number(a) - Number(b)) : [];
  const binDir = versions.map((v) => `/usr/lib/postgresql/${v}/bin`).findLast((dir) => existsSync(path.join(dir, "pg_ctl")));
  if (!binDir) throw new Error("The database outage test needs PostgreSQL's server binaries (/usr/lib/postgresql/*/bin).");
  const asRoot = process.getuid?.() === 0;
  const run = (tool: string, args: string[]) =>
    asRoot
      ? execFileSync("runuser", ["-u", "postgres", "--", path.join(binDir, tool), ...args], { stdio: "pipe" })
      : execFileSync(path.join(binDir, tool), args, { stdio: "pipe" });

  const folder = mkdtempSync(path.join(tmpdir(), "gatehouse-pg-"));
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"]).toString());
    const gid = Number(execFileSync("id", ["-g", "postgres"]).toString());
    chownSync(folder, uid, gid);
  }
  const data = path.join(folder, "data");
  const port = await new Promise<number>((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port: free } = probe.address() as { port: number };
      probe.close(() => resolve(free));
    });
  });
  run("initdb", ["-D", data, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8"]);
  const options = `-p ${port} -k ${folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`;
  const start = async () => void run("pg_ctl", ["-D", data, "-o", options, "-l", path.join(folder, "log"), "-w", "start"]);
  // "fast": like a restart by an operator, it ends every session with 57P01 admin_shutdown.
  const stop = async () => void run("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
  await start();
  return {
    url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    start,
    stop,
    remove: async () => {
      try {
        run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } catch {
        // already stopped
      }
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
