import { eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  // One email an hour per account, so "rate-limited account" takes one request to reach.
  process.env.RESET_EMAILS_PER_HOUR = "1";
  process.env.CONTACT_RESET_EMAILS_PER_HOUR = "1";
});

import { POST as appPasswordReset } from "@/app/api/app/password-reset/route";
import { getDb } from "@/lib/infra/database";
import { contacts, organizations, passwordResets, rateLimits, users } from "@/db/schema";
import { DEMO_PASSWORD, seedDemo } from "@/lib/infra/demo-seed";
import { requestContactPasswordReset } from "@/lib/contacts/temporary-passwords";
import { signInContact } from "@/lib/contacts/sign-in";
import { hashSecret, observeArgon2 } from "@/lib/credentials/hashing";
import { checkResetUsername, requestPasswordReset, RESET_POLICY, type ResetRequester } from "@/lib/staff/reset-request";
import { completePasswordReset } from "@/lib/staff/reset-completion";
import { signInStaff } from "@/lib/staff/sign-in";
import { newToken } from "@/lib/credentials/tokens";
import { findUserByUsername } from "@/lib/staff/accounts";
import { latestEmailTo, resetSecretsOf } from "../helpers/outbox";

/*
 * Item 5 of issue 12: every branch an anonymous caller can reach spends the same argon2 work
 * and, where the product does not disclose on purpose, gives the same answer. Counted, not
 * timed: lib/password-hashing.ts reports each operation.
 */

let ip = 0;
const meta = () => ({ ip: `203.0.113.${++ip % 250}`, userAgent: "vitest" });

/** What one call answered and how many argon2 operations it spent. */
async function measured<T>(run: () => Promise<T>): Promise<{ answer: T; argon2: number }> {
  let argon2 = 0;
  const stop = observeArgon2(() => argon2++);
  try {
    return { answer: await run(), argon2 };
  } finally {
    stop();
  }
}

/** Runs every branch and expects one argon2 count for all of them; returns the answers by branch. */
async function branches<T>(cases: Record<string, () => Promise<T>>, argon2: number): Promise<Record<string, T>> {
  const answers: Record<string, T> = {};
  for (const [name, run] of Object.entries(cases)) {
    const result = await measured(run);
    expect(result.argon2, `argon2 operations of "${name}"`).toBe(argon2);
    answers[name] = result.answer;
  }
  return answers;
}

function expectSameAnswers<T>(answers: Record<string, T>, names: string[]) {
  const [first, ...rest] = names;
  for (const name of rest) expect(answers[name], `"${name}" answers like "${first}"`).toEqual(answers[first!]);
}

const db = () => getDb();
const setUser = async (username: string, values: Partial<typeof users.$inferInsert>) =>
  (await db()).update(users).set(values).where(eq(users.username, username));

let demoOrgId: string;

beforeAll(async () => {
  await seedDemo(await db());
  const [org] = await (await db()).select({ id: organizations.id }).from(organizations).where(eq(organizations.slug, "demo"));
  demoOrgId = org!.id;
});

beforeEach(async () => {
  const database = await db();
  await database.delete(rateLimits);
  await database.delete(passwordResets);
  // Accounts in the states the branches need: disabled, locked, without a password.
  await setUser("scanpack@demo.test", { status: "disabled" });
  await setUser("admin@demo.test", { lockedUntil: new Date(Date.now() + 3600_000) });
  await setUser("dual@demo.test", { passwordHash: null });
  // device@demo.test spends its one reset email of the hour.
  expect((await requestPasswordReset("device@demo.test", meta(), { via: "login" })).status).toBe("sent");
});

describe("the same argon2 work and answer on every anonymous path", () => {
  it("login page username check: no argon2 on any branch; a spent email budget does not show", async () => {
    const answers = await branches(
      {
        unknown: () => checkResetUsername("nobody@demo.test", meta()),
        disabled: () => checkResetUsername("scanpack@demo.test", meta()),
        known: () => checkResetUsername("admin@other.test", meta()),
        "rate-limited account": () => checkResetUsername("device@demo.test", meta()),
        "not an email": () => checkResetUsername("warehouse7", meta()),
      },
      0,
    );
    expectSameAnswers(answers, ["unknown", "disabled"]);
    // The check's deliberate disclosure (docs/security.md): known, and whether it is an email.
    expect(answers.known).toEqual({ status: "ok", email: "admin@other.test" });
    expect(answers["rate-limited account"]).toEqual({ status: "ok", email: "device@demo.test" });
    expect(answers["not an email"]).toEqual({ status: "not_email" });
  });

  for (const via of ["login", "forgot-password", "app"] as const) {
    it(`reset request (${via}): one argon2 operation whether it sends, is suppressed, or finds no address`, async () => {
      const requester: ResetRequester = { via };
      const answers = await branches(
        {
          unknown: () => requestPasswordReset("nobody@demo.test", meta(), requester),
          disabled: () => requestPasswordReset("scanpack@demo.test", meta(), requester),
          "rate-limited account": () => requestPasswordReset("device@demo.test", meta(), requester),
          "not an email": () => requestPasswordReset("warehouse7", meta(), requester),
          "no password": () => requestPasswordReset("dual@demo.test", meta(), requester),
          locked: () => requestPasswordReset("admin@demo.test", meta(), requester),
          known: () => requestPasswordReset("admin@other.test", meta(), requester),
        },
        1,
      );
      expect(answers.known).toEqual({ status: "sent", email: "admin@other.test" });
      // An invited account without a password yet, and a locked one, can still recover by email.
      expect(answers["no password"]).toEqual({ status: "sent", email: "dual@demo.test" });
      expect(answers.locked).toEqual({ status: "sent", email: "admin@demo.test" });
      expect(answers["rate-limited account"]).toEqual({ status: "suppressed" });
    });
  }

  it("the apps' POST /api/app/password-reset: one answer for every branch but the per-IP budget", async () => {
    const post = (username: string) => async () => {
      const response = await appPasswordReset(
        new Request("http://127.0.0.1/api/app/password-reset", {
          method: "POST",
          headers: { "content-type": "application/json", "x-forwarded-for": meta().ip },
          body: JSON.stringify({ username }),
        }),
      );
      return { status: response.status, body: await response.json() };
    };
    const answers = await branches(
      {
        unknown: post("nobody@demo.test"),
        disabled: post("scanpack@demo.test"),
        "rate-limited account": post("device@demo.test"),
        "not an email": post("warehouse7"),
        "no password": post("dual@demo.test"),
        locked: post("admin@demo.test"),
        known: post("admin@other.test"),
      },
      1,
    );
    expectSameAnswers(answers, Object.keys(answers));
    expect(answers.unknown!.status).toBe(202);
    expect((await latestEmailTo("admin@other.test"))?.subject).toBe("Reset your Gatehouse password");
  });

  it("reset code without the link: every refusal of a username and a wrong code reads the same, after one verify", async () => {
    const database = await db();
    // Fresh resets in each state, for accounts of their own.
    const stateOf = async (username: string, state: Partial<typeof passwordResets.$inferInsert>) => {
      const user = (await findUserByUsername(username))!;
      const sent = await requestPasswordReset(username, meta(), { via: "admin", by: { id: user.id, organizationId: user.organizationId } });
      expect(sent.status, username).toBe("sent");
      if (Object.keys(state).length) await database.update(passwordResets).set(state).where(eq(passwordResets.userId, user.id));
      return resetSecretsOf((await latestEmailTo(username))!).code;
    };
    await database.delete(rateLimits);
    const codes = {
      live: await stateOf("admin@other.test", {}),
      used: await stateOf("admin@demo.test", { usedAt: new Date() }),
      expired: await stateOf("device@demo.test", { expiresAt: new Date(Date.now() - 1000) }),
      dead: await stateOf("dual@demo.test", { attempts: RESET_POLICY.maxCodeAttempts }),
    };
    const wrong = (code: string) => (code === "000000" ? "000001" : "000000");
    const submit = (username: string, code: string) => () =>
      completePasswordReset({ username, code, newPassword: "Violet-Harbour-Lamp-42!", confirmPassword: "Violet-Harbour-Lamp-42!" }, meta());
    const answers = await branches(
      {
        "unknown username": submit("nobody@demo.test", "123456"),
        "no reset": submit("warehouse7", "123456"),
        "live reset, wrong code": submit("admin@other.test", wrong(codes.live)),
        "spent reset": submit("admin@demo.test", wrong(codes.used)),
        "expired reset": submit("device@demo.test", wrong(codes.expired)),
        "reset killed by wrong codes": submit("dual@demo.test", wrong(codes.dead)),
      },
      1,
    );
    expectSameAnswers(answers, Object.keys(answers));
    expect(answers["unknown username"]).toEqual({ ok: false, fieldErrors: { code: expect.stringMatching(/not right for this username/) } });

    // The right code proves the mailbox: then, and only then, the reset's fate is told.
    expect(await submit("admin@demo.test", codes.used)()).toMatchObject({ ok: false, reason: "used" });
    expect(await submit("device@demo.test", codes.expired)()).toMatchObject({ ok: false, reason: "expired" });
    // A weak new password is judged only after the right code, so it tells a stranger nothing.
    const weak = await measured(() => completePasswordReset({ username: "nobody@demo.test", code: "123456", newPassword: "weak", confirmPassword: "weak" }, meta()));
    expect(weak).toEqual({ answer: answers["unknown username"], argon2: 1 });
    const weakKnown = await measured(() =>
      completePasswordReset({ username: "admin@other.test", code: wrong(codes.live), newPassword: "weak", confirmPassword: "weak" }, meta()),
    );
    expect(weakKnown).toEqual({ answer: answers["unknown username"], argon2: 1 });
  });

  it("reset code with the link: one verify for an unknown, spent or live link alike", async () => {
    const database = await db();
    const user = (await findUserByUsername("admin@other.test"))!;
    await requestPasswordReset("admin@other.test", meta(), { via: "login" });
    const { token, code } = resetSecretsOf((await latestEmailTo("admin@other.test"))!);
    const wrong = code === "000000" ? "000001" : "000000";
    const submit = (link: string, c: string) => () =>
      completePasswordReset({ token: link, code: c, newPassword: "Violet-Harbour-Lamp-42!", confirmPassword: "Violet-Harbour-Lamp-42!" }, meta());
    await branches(
      {
        "unknown link": submit(newToken(), "123456"),
        "malformed link": submit("not-a-token", "123456"),
        "live link, wrong code": submit(token, wrong),
      },
      1,
    );
    await database.update(passwordResets).set({ usedAt: new Date() }).where(eq(passwordResets.userId, user.id));
    await branches({ "spent link, wrong code": submit(token, wrong), "spent link, right code": submit(token, code) }, 1);
  });

  it("console and app sign-in: one verify on every refusal; a lock-out says so, as decided", async () => {
    const signIn = (username: string, password = "Wrong-Password-1!") => () => signInStaff({ username, password }, meta());
    const answers = await branches(
      {
        unknown: signIn("nobody@demo.test"),
        disabled: signIn("scanpack@demo.test", DEMO_PASSWORD),
        "no password": signIn("dual@demo.test"),
        "wrong password": signIn("warehouse7"),
        locked: signIn("admin@demo.test", DEMO_PASSWORD),
      },
      1,
    );
    expectSameAnswers(answers, ["unknown", "disabled", "no password", "wrong password"]);
    expect(answers.locked).toMatchObject({ ok: false, reason: "locked" });
  });

  it("storefront Forgot Your Password: one hash and one answer, sent or not", async () => {
    const database = await db();
    await database.update(contacts).set({ websiteAccess: false }).where(eq(contacts.username, "cornerowner"));
    // harbourbuyer belongs to another organization: unknown on this storefront.
    const request = (username: string) => () => requestContactPasswordReset(demoOrgId, username, meta());
    const answers = await branches(
      {
        sent: request("cornerbuyer"),
        "rate-limited contact": request("cornerbuyer"),
        unknown: request("nobody"),
        "another organization's contact": request("harbourbuyer"),
        "no website access": request("cornerowner"),
      },
      1,
    );
    expectSameAnswers(answers, Object.keys(answers));
    // A locked contact and one without a password of their own yet: the same work, the same answer.
    await database.update(contacts).set({ websiteAccess: true, passwordHash: null }).where(eq(contacts.username, "cornerowner"));
    await database.update(contacts).set({ lockedUntil: new Date(Date.now() + 3600_000) }).where(eq(contacts.username, "harbourbuyer"));
    const [harbour] = await database.select({ organizationId: contacts.organizationId }).from(contacts).where(eq(contacts.username, "harbourbuyer"));
    const more = await branches(
      { "no password": request("cornerowner"), locked: () => requestContactPasswordReset(harbour!.organizationId, "harbourbuyer", meta()) },
      1,
    );
    expect(more["no password"]).toEqual(answers.sent);
    expect(more.locked).toEqual(answers.sent);
  });

  it("storefront sign-in: two verifies on every refusal; a lock-out says so, as decided", async () => {
    const database = await db();
    await database.update(contacts).set({ websiteAccess: true, passwordHash: null, tempPasswordHash: null }).where(eq(contacts.username, "cornerowner"));
    const signIn = (username: string, password = "Wrong-Password-1!") => () => signInContact(demoOrgId, { username, password }, meta());
    const answers = await branches(
      {
        unknown: signIn("nobody"),
        "another organization's contact": signIn("harbourbuyer", DEMO_PASSWORD),
        "no password": signIn("cornerowner"),
        "wrong password": signIn("cornerbuyer"),
      },
      2,
    );
    expectSameAnswers(answers, Object.keys(answers));
    await database.update(contacts).set({ lockedUntil: new Date(Date.now() + 3600_000) }).where(eq(contacts.username, "cornerbuyer"));
    await database.update(contacts).set({ websiteAccess: false }).where(eq(contacts.username, "cornerowner"));
    const more = await branches({ locked: signIn("cornerbuyer", DEMO_PASSWORD), "no website access": signIn("cornerowner") }, 2);
    expect(more.locked).toMatchObject({ ok: false, reason: "locked" });
    expect(more["no website access"]).toEqual(answers.unknown);

    // The right temporary password, too late: told apart (its holder has the email), same work.
    await database
      .update(contacts)
      .set({ lockedUntil: null, tempPasswordHash: await hashSecret("Temp-Known-42"), tempPasswordExpiresAt: new Date(Date.now() - 1000) })
      .where(eq(contacts.username, "cornerbuyer"));
    expect(await measured(signIn("cornerbuyer", "Temp-Known-42"))).toEqual({ answer: { ok: false, reason: "temporary_expired" }, argon2: 2 });
  });
});
