import { inspect } from "node:util";
import { afterEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/infra/database";
import { DatabaseError, openDatabase } from "@/db/client";
import { emailOutbox, organizations } from "@/db/schema";
import { apiRoute } from "@/lib/web/api";
import { enqueueEmail } from "@/lib/mail";

// Values shaped like what the outbox carries: a reset code, a link token, a temporary password.
const SECRETS = ["493817", "tok_Q2hhbmdlTWVQbGVhc2U5OTk", "Tmp-Zx7Qk4Wp"];

/** Everything a log could show of an error: message, stack, every property (hidden ones too), the cause chain. */
function everythingAbout(error: unknown): string {
  return [
    inspect(error, { showHidden: true, depth: Infinity }),
    (error as Error)?.message,
    (error as Error)?.stack,
    JSON.stringify(error),
  ].join("\n");
}

function expectNoSecret(text: string) {
  for (const secret of SECRETS) expect(text).not.toContain(secret);
}

async function caught(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error("expected the query to fail");
}

const secretBody = { html: `<p>Code ${SECRETS[0]}, link ${SECRETS[1]}, password ${SECRETS[2]}\u0000</p>`, text: `${SECRETS.join(" ")}\u0000` };

afterEach(() => vi.restoreAllMocks());

describe("a query the database refuses", () => {
  it("fails an outbox insert with a NUL byte without its values in the error or its log", async () => {
    const db = await getDb();
    const error = await caught(() =>
      db.transaction((tx) =>
        enqueueEmail(tx, { to: "jane@example.test", subject: "Reset your Gatehouse password", template: "password-reset", element: secretBody }),
      ),
    );
    expect(error).toBeInstanceOf(DatabaseError);
    // 22021: invalid byte sequence (the server refuses NUL in text); PGlite and PostgreSQL alike.
    expect(error).toMatchObject({ code: "22021", query: expect.stringMatching(/^insert into "email_outbox"/) });
    expect((error as Error).cause).toBeUndefined();
    expectNoSecret(everythingAbout(error));
    expect(await db.select({ id: emailOutbox.id }).from(emailOutbox)).toEqual([]);
  });

  it("logs a failing route's database error without the values (the API's own log line)", async () => {
    const logged: string[] = [];
    vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void logged.push(args.map((a) => (typeof a === "string" ? a : inspect(a, { showHidden: true, depth: Infinity }))).join(" ")));
    const route = apiRoute(async () => {
      await enqueueEmail(await getDb(), { to: "jane@example.test", subject: "s", template: "password-reset", element: secretBody });
      return new Response(null, { status: 204 });
    });
    const response = await route(new Request("http://localhost/api/app/password-reset", { method: "POST" }));
    expect(response.status).toBe(500);
    expect(logged.join("\n")).toMatch(/DatabaseError: Database query failed \(code 22021\)/);
    expectNoSecret(logged.join("\n"));
  });

  it("keeps the code and the constraint's name of a unique violation, not the duplicated value", async () => {
    const db = await getDb();
    const slug = SECRETS[2]!.toLowerCase();
    await db.insert(organizations).values({ name: "First", slug });
    const error = await caught(() => db.insert(organizations).values({ name: "Second", slug }));
    expect(error).toBeInstanceOf(DatabaseError);
    expect(error).toMatchObject({ code: "23505", table: "organizations", constraint: "organizations_slug_unique" });
    // The server's detail ("Key (slug)=(…) already exists.") is what would have carried it.
    for (const secret of [slug, ...SECRETS]) expect(everythingAbout(error)).not.toContain(secret);
  });

  it("keeps a failure's place in the code (the stack's frames) and redacts inside raw SQL too", async () => {
    const db = await getDb();
    const { sql } = await import("drizzle-orm");
    const error = await caught(() => db.execute(sql`select ${SECRETS[1]}::uuid`));
    expect(error).toMatchObject({ name: "DatabaseError", code: "22P02" });
    expect((error as Error).stack).toMatch(/^DatabaseError: Database query failed/);
    expect((error as Error).stack).toMatch(/\n\s+at /);
    expectNoSecret(everythingAbout(error));
  });

  it("keeps the driver's code when the database is gone", async () => {
    const handle = process.env.DATABASE_URL
      ? await openDatabase({ kind: "postgres", url: process.env.DATABASE_URL, max: 1 })
      : await openDatabase({ kind: "pglite" });
    await handle.close();
    const { sql } = await import("drizzle-orm");
    const error = await caught(() => handle.db.execute(sql`select ${SECRETS[0]}`));
    expect(error).toBeInstanceOf(DatabaseError);
    if (handle.kind === "postgres") expect(error).toMatchObject({ code: "CONNECTION_ENDED" });
    expectNoSecret(everythingAbout(error));
  });
});
