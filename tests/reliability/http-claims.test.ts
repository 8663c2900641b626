import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "@/lib/infra/demo-seed";
import { contacts, devMailbox, importJobs, organizations, users } from "@/db/schema";
import { previewImport } from "@/lib/imports/preview";
import { decodeSessionToken, encodeSessionToken } from "@/lib/sessions/jwt-codec";
import {
  actionBody,
  actionIdByName,
  callAction,
  createDatabase,
  credentialsSignIn,
  instanceAuthSecret,
  rawRequest,
  startInstance,
  submitForm,
  waitFor,
  type Instance,
} from "./harness";

/**
 * The claims of docs/security.md that are about HTTP, checked on real production servers: the
 * dev mailbox's absence, cookie attributes, server actions refusing sessions that may not use
 * them (posted directly, past the pages), and emailed links under a hostile Host.
 */
describe("security claims on a real server", () => {
  let db: Awaited<ReturnType<typeof createDatabase>>;
  /** The dev transport, plain-HTTP APP_URL: what the e2e suite runs. */
  let app: Instance;
  /** Production with the Resend transport behind an https APP_URL (served here over plain HTTP, as behind a TLS proxy). */
  let resend: Instance;
  /** Production with no mail transport configured. */
  let unconfigured: Instance;

  beforeAll(async () => {
    db = await createDatabase();
    [app, resend, unconfigured] = await Promise.all([
      startInstance(db.url),
      // Nothing listens on port 9: no mail can leave.
      startInstance(db.url, { MAIL_TRANSPORT: "resend", RESEND_API_KEY: "re_test_claims", RESEND_BASE_URL: "http://127.0.0.1:9", APP_URL: "https://gatehouse.example" }),
      startInstance(db.url, { MAIL_TRANSPORT: "" }),
    ]);
  }, 180_000);

  afterAll(async () => {
    await Promise.all([app?.stop(), resend?.stop(), unconfigured?.stop()]);
    await db?.drop();
  });

  const cookieOf = (setCookies: string[], name: string) => setCookies.find((c) => c.startsWith(`${name}=`));
  const attributes = (cookie: string) => cookie.split(";").slice(1).map((a) => a.trim().toLowerCase());

  describe("claim 1: the dev mailbox exists only under MAIL_TRANSPORT=dev", () => {
    it("answers under the dev transport, and 404 under Resend and with no transport in production", async () => {
      expect((await fetch(`${app.url}/api/dev/mailbox`)).status).toBe(200);
      const open = await fetch(`${app.url}/dev/mailbox`);
      expect(open.status).toBe(200);
      expect(await open.text()).toContain("Emails are delivered here");
      for (const instance of [resend, unconfigured]) {
        const api = await fetch(`${instance.url}/api/dev/mailbox?to=admin@demo.test`);
        expect(api.status, instance.url).toBe(404);
        expect(await api.json()).toEqual({ error: "not_found" });
        const page = await fetch(`${instance.url}/dev/mailbox`);
        expect(page.status, instance.url).toBe(404);
        // Nothing of the mailbox on the 404 page.
        expect(await page.text()).not.toContain("Emails are delivered here");
      }
    });
  });

  describe("claim 5: cookie attributes on real responses", () => {
    it("the reset link's token cookie is HttpOnly, SameSite=Lax, scoped to /reset-password, and Secure when APP_URL is https", async () => {
      for (const [instance, secure] of [
        [app, false],
        [resend, true],
      ] as const) {
        const response = await fetch(`${instance.url}/reset-password?token=claims-token-value`, { redirect: "manual" });
        expect(response.status).toBe(307);
        expect(response.headers.get("location")).toMatch(/\/reset-password$/);
        const cookie = cookieOf(response.headers.getSetCookie(), "gh_reset_token");
        expect(cookie, instance.url).toBeDefined();
        const attrs = attributes(cookie!);
        expect(attrs).toContain("httponly");
        expect(attrs).toContain("path=/reset-password");
        expect(attrs).toContain("samesite=lax");
        // Served over plain HTTP behind an https APP_URL, as behind a TLS-terminating proxy.
        expect(attrs.includes("secure"), `${instance.url} Secure`).toBe(secure);
      }
    });

    it("the storefront cookie is HttpOnly, SameSite=Lax, scoped to /store/<slug>, and __Secure- when APP_URL is https", async () => {
      for (const [instance, name] of [
        [app, "gh_store"],
        [resend, "__Secure-gh_store"],
      ] as const) {
        const signedIn = await submitForm(instance.url, "/store/demo/login", { username: "cornerbuyer", password: DEMO_PASSWORD });
        expect(signedIn.status, instance.url).toBe(303);
        const cookie = cookieOf(signedIn.cookies, name);
        expect(cookie, `${instance.url}: ${signedIn.cookies.map((c) => c.split("=")[0]).join(", ")}`).toBeDefined();
        const attrs = attributes(cookie!);
        expect(attrs).toContain("httponly");
        expect(attrs).toContain("samesite=lax");
        expect(attrs).toContain("path=/store/demo");
        expect(attrs.includes("secure")).toBe(name.startsWith("__Secure-"));
      }
    });
  });

  describe("claim 6: server actions refuse sessions that may not use them, posted directly", () => {
    const SESSION_COOKIE = "authjs.session-token";
    let demoOrg: string;
    let target: string;
    const addUser = () => actionIdByName("addUserAction");

    beforeAll(async () => {
      demoOrg = (await db.handle.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.slug, "demo")))[0]!.id;
      target = (await db.handle.db.select({ id: users.id }).from(users).where(eq(users.username, "warehouse7")))[0]!.id;
    });

    /** A real session cookie of this user whose claims say admin: the proxy lets it through, only the action can refuse it. */
    const claimingAdmin = async (username: string) => {
      const real = (await credentialsSignIn(app.url, username, DEMO_PASSWORD)).cookie!;
      const token = real.slice(`${SESSION_COOKIE}=`.length);
      const claims = await decodeSessionToken({ token, secret: instanceAuthSecret, salt: SESSION_COOKIE });
      expect(claims?.typ).not.toBe("admin");
      const forged = await encodeSessionToken({ token: { ...claims, typ: "admin" }, secret: instanceAuthSecret, salt: SESSION_COOKIE, maxAge: 3600 });
      return { real, forged: `${SESSION_COOKIE}=${forged}` };
    };

    const usersNamed = async (username: string) => (await db.handle.db.select({ id: users.id }).from(users).where(eq(users.username, username))).length;

    it("device and ScanPack sessions: the console's actions refuse them even when the proxy is fooled", async () => {
      for (const username of ["device@demo.test", "scanpack@demo.test"]) {
        const { real, forged } = await claimingAdmin(username);
        const newName = `made-by-${username.split("@")[0]}`;
        // Past the proxy (its claims say admin): the action itself checks the user's type in the database.
        const answer = await callAction(app.url, addUser(), { displayName: "Nope", username: newName, emailTo: "", userType: "admin" }, { cookie: forged, path: "/admin/users/new" });
        expect(answer.status, username).toBe(200);
        expect(answer.text, username).toContain("Only admin and dual users can do this.");
        const licences = await callAction(app.url, actionIdByName("setLicencesAction"), { licences: "999" }, { cookie: forged, path: "/admin/subscription" });
        expect(licences.text, username).toContain("Only admin and dual users can do this.");
        // The real cookie, posted straight at the action: the proxy answers first (403 page), nothing runs.
        const direct = await callAction(app.url, addUser(), { displayName: "Nope", username: newName, emailTo: "", userType: "admin" }, { cookie: real, path: "/admin/users/new" });
        expect(direct.text).not.toContain("Changes saved");
        expect(await usersNamed(newName)).toBe(0);
      }
      const [org] = await db.handle.db.select({ licences: organizations.licenceCount }).from(organizations).where(eq(organizations.id, demoOrg));
      expect(org!.licences).not.toBe(999);
    });

    it("another organization's admin: every console action answers not found for this organization's records and changes nothing", async () => {
      const other = (await credentialsSignIn(app.url, "admin@other.test", DEMO_PASSWORD)).cookie!;
      const [contact] = await db.handle.db.select({ id: contacts.id }).from(contacts).where(eq(contacts.username, "cornerbuyer"));
      const before = await db.handle.db.select().from(users).where(eq(users.id, target));
      const contactBefore = await db.handle.db.select().from(contacts).where(eq(contacts.id, contact!.id));
      const [demoAdmin] = await db.handle.db.select({ id: users.id, organizationId: users.organizationId }).from(users).where(eq(users.username, "admin@demo.test"));
      const preview = await previewImport(demoAdmin!, "contacts", { name: "claims.csv", bytes: new TextEncoder().encode("Retailer,Contact name,Username,Email\nCorner Store,Ima Port,import-claims,import-claims@x.test\n") });
      if (!preview.ok) throw new Error(preview.reason);
      const posts = [
        ["confirmImportAction", `/admin/imports/${preview.jobId}`, { importId: preview.jobId, sendWelcome: "on" }],
        ["editUserAction", `/admin/users/${target}`, { userId: target, displayName: "Taken over", username: "warehouse7", emailTo: "", userType: "device" }],
        ["userCommandAction", `/admin/users/${target}`, { userId: target, command: "disable" }],
        ["userCommandAction", `/admin/users/${target}`, { userId: target, command: "reset" }],
        ["setWebsiteAccessAction", `/admin/contacts/${contact!.id}`, { contactId: contact!.id, websiteAccess: "off" }],
        ["resetContactPasswordAction", `/admin/contacts/${contact!.id}`, { contactId: contact!.id }],
      ] as const;
      for (const [name, path, fields] of posts) {
        const answer = await callAction(app.url, actionIdByName(name), fields, { cookie: other, path });
        expect(answer.status, `${name} ${JSON.stringify(fields)}`).toBeLessThan(500);
        // notFound() (users) or "not found" (contacts): never a success, never a hint.
        if (answer.status === 200) expect(answer.text, name).toMatch(/was not found|NEXT_HTTP_ERROR_FALLBACK;404/);
        else expect(answer.status, name).toBe(404);
      }
      expect(await db.handle.db.select().from(users).where(eq(users.id, target))).toEqual(before);
      expect(await db.handle.db.select().from(contacts).where(eq(contacts.id, contact!.id))).toEqual(contactBefore);
      const [job] = await db.handle.db.select({ status: importJobs.status }).from(importJobs).where(eq(importJobs.id, preview.jobId));
      expect(job!.status).toBe("preview");
      const mail = await db.handle.db.select({ id: devMailbox.id }).from(devMailbox).where(eq(devMailbox.toAddress, "buyer@cornerstore.test"));
      expect(mail).toEqual([]);
    });

    it("contact sessions: a storefront session works only on its own storefront, and opens no console action", async () => {
      const signedIn = await submitForm(app.url, "/store/demo/login", { username: "cornerowner", password: DEMO_PASSWORD });
      const contactCookie = signedIn.cookies.map((c) => c.split(";")[0]).join("; ");
      expect(contactCookie).toContain("gh_store=");
      const live = () => db.handle.db.execute(sql`select count(*)::int as n from browser_sessions where kind = 'storefront' and ended_at is null`) as unknown as Promise<[{ n: number }]>;
      // Another organization's storefront: the cookie names Demo Wholesale, so it is no session there.
      const there = await callAction(app.url, actionIdByName("contactEndOtherSessionsAction"), { org: "other" }, { cookie: contactCookie, path: "/store/other" });
      expect(there.text).toContain("Your session has ended. Sign in again.");
      // Its own storefront: the same action works (so the refusal above was the organization's).
      const [{ n: before }] = await live();
      const here = await callAction(app.url, actionIdByName("contactEndOtherSessionsAction"), { org: "demo" }, { cookie: contactCookie, path: "/store/demo" });
      expect(here.text).not.toContain("Your session has ended");
      expect((await live())[0].n).toBeLessThanOrEqual(before);
      // A console action with only the storefront cookie: no staff session, nothing done.
      const consoleAnswer = await callAction(app.url, addUser(), { displayName: "Contact", username: "made-by-contact", emailTo: "", userType: "admin" }, { cookie: contactCookie, path: "/admin/users/new" });
      expect(consoleAnswer.text).not.toContain("created");
      const profile = await callAction(app.url, actionIdByName("endOtherOwnSessionsAction"), {}, { cookie: contactCookie, path: "/store/demo" });
      expect(profile.text).not.toMatch(/signed out of \d+/i);
      expect(await usersNamed("made-by-contact")).toBe(0);
      // A staff cookie on the storefront is no contact session either.
      const admin = (await credentialsSignIn(app.url, "admin@demo.test", DEMO_PASSWORD)).cookie!;
      const staffThere = await callAction(app.url, actionIdByName("contactEndOtherSessionsAction"), { org: "demo" }, { cookie: admin, path: "/store/demo" });
      expect(staffThere.text).toContain("Your session has ended. Sign in again.");
    });
  });

  describe("claim 7: emailed links ignore a hostile Host and X-Forwarded-Host", () => {
    const hostile = { host: "evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https", origin: "http://evil.example" };

    const mailTo = (to: string) =>
      waitFor(async () => {
        const rows = await db.handle.db.select({ text: devMailbox.text, html: devMailbox.html }).from(devMailbox).where(eq(devMailbox.toAddress, to));
        return rows.length > 0 ? rows : undefined;
      }, 20_000, `mail to ${to}`);

    const expectOnlyOurLinks = (mail: { text: string; html: string }[]) => {
      for (const { text, html } of mail) {
        expect(text + html).not.toContain("evil.example");
        const links = [...text.matchAll(/https?:\/\/[^\s"'<>]+/g)].map((m) => m[0]);
        expect(links.length).toBeGreaterThan(0);
        for (const link of links) expect(new URL(link).origin).toBe(new URL(app.url).origin);
      }
    };

    it("Forgot Password, the apps' reset, an invite and a contact's temporary password all link to APP_URL", async () => {
      // Forgot Password, posted as the browser would, with the hostile Host on every request.
      const forgot = await rawRequest(`${app.url}/forgot-password`, {
        method: "POST",
        headers: { ...hostile, "next-action": actionIdByName("forgotPasswordAction"), accept: "text/x-component" },
        body: actionBody({ email: "dual@demo.test" }),
      });
      expect(forgot.status).toBe(200);
      const apps = await rawRequest(`${app.url}/api/app/password-reset`, {
        method: "POST",
        headers: { ...hostile, "content-type": "application/json" },
        body: JSON.stringify({ username: "scanpack@demo.test" }),
      });
      expect(apps.status).toBe(202);
      const admin = (await credentialsSignIn(app.url, "admin@demo.test", DEMO_PASSWORD)).cookie!;
      const invite = await rawRequest(`${app.url}/admin/users/new`, {
        method: "POST",
        headers: { ...hostile, cookie: admin, "next-action": actionIdByName("addUserAction"), accept: "text/x-component" },
        body: actionBody({ displayName: "Ivy Invite", username: "invitee@demo.test", emailTo: "", userType: "device" }),
      });
      expect(invite.status).toBeLessThan(400);
      const contact = await rawRequest(`${app.url}/store/demo/forgot-password`, {
        method: "POST",
        headers: { ...hostile, "next-action": actionIdByName("contactForgotPasswordAction"), accept: "text/x-component" },
        body: actionBody({ org: "demo", username: "cornerbuyer" }),
      });
      expect(contact.status).toBe(200);
      for (const to of ["dual@demo.test", "scanpack@demo.test", "invitee@demo.test", "buyer@cornerstore.test"]) expectOnlyOurLinks(await mailTo(to));
    });
  });

  describe("cross-site request forgery", () => {
    const foreignOrigins = ["https://evil.example", "null", `http://127.0.0.1.evil.example`];

    it("every kind of server action refuses a foreign or opaque Origin with 403 before it runs", async () => {
      const admin = (await credentialsSignIn(app.url, "admin@demo.test", DEMO_PASSWORD)).cookie!;
      const profileUser = (await credentialsSignIn(app.url, "dual@demo.test", DEMO_PASSWORD)).cookie!;
      const posts = [
        ["forgotPasswordAction", "/forgot-password", { email: "device@demo.test" }, ""],
        ["signInAction", "/login", { username: "device@demo.test", password: DEMO_PASSWORD }, ""],
        ["requestResetAction", "/login", { username: "device@demo.test" }, ""],
        ["contactSignInAction", "/store/demo/login", { org: "demo", username: "cornerbuyer", password: DEMO_PASSWORD }, ""],
        ["contactForgotPasswordAction", "/store/demo/forgot-password", { org: "demo", username: "cornerbuyer" }, ""],
        ["addUserAction", "/admin/users/new", { displayName: "Forged", username: "forged@demo.test", emailTo: "", userType: "admin" }, admin],
        ["setLicencesAction", "/admin/subscription", { licences: "0" }, admin],
        ["endOtherOwnSessionsAction", "/profile", {}, profileUser],
      ] as const;
      const before = await db.handle.db.execute(sql`select (select count(*) from users) as users, (select count(*) from email_outbox) as mail,
        (select count(*) from browser_sessions where ended_at is null) as sessions, (select licence_count from organizations where slug = 'demo') as licences`);
      for (const origin of foreignOrigins) {
        for (const [name, path, fields, cookie] of posts) {
          const answer = await callAction(app.url, actionIdByName(name), fields, { cookie, path, headers: { origin } });
          expect(answer.status, `${name} from ${origin}`).toBe(403);
          expect(JSON.parse(answer.text)).toEqual({ error: "cross_origin", message: "Cross-origin request refused." });
        }
      }
      expect(await db.handle.db.execute(sql`select (select count(*) from users) as users, (select count(*) from email_outbox) as mail,
        (select count(*) from browser_sessions where ended_at is null) as sessions, (select licence_count from organizations where slug = 'demo') as licences`)).toEqual(before);
    });

    it("Auth.js's own posts (not behind the proxy) refuse anything without its CSRF token, from any Origin or none", async () => {
      const { cookie } = await credentialsSignIn(app.url, "device@demo.test", DEMO_PASSWORD);
      const sessionId = async () => {
        const token = cookie!.slice("authjs.session-token=".length);
        return (await decodeSessionToken({ token, secret: instanceAuthSecret, salt: "authjs.session-token" }))!.sid as string;
      };
      const liveSession = async () =>
        ((await db.handle.db.execute(sql`select count(*)::int as n from browser_sessions where id = ${await sessionId()} and ended_at is null`)) as unknown as [{ n: number }])[0].n;
      expect(await liveSession()).toBe(1);
      for (const origin of [...foreignOrigins, undefined]) {
        const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded", ...(origin ? { origin } : {}) };
        // Sign-in with the right password but no CSRF token: no session cookie comes back.
        const signIn = await fetch(`${app.url}/api/auth/callback/credentials`, {
          method: "POST",
          headers,
          body: new URLSearchParams({ username: "device@demo.test", password: DEMO_PASSWORD }),
          redirect: "manual",
        });
        expect(signIn.status, `sign-in from ${origin}`).toBeLessThan(500);
        expect(signIn.headers.getSetCookie().some((c) => c.startsWith("authjs.session-token=") && !c.includes("Max-Age=0")), `sign-in from ${origin}`).toBe(false);
        expect(signIn.headers.get("location") ?? "", `sign-in from ${origin}`).toMatch(/error=MissingCSRF/);
        // Sign-out with the victim's cookie but no token: the session lives on.
        const signOut = await fetch(`${app.url}/api/auth/signout`, { method: "POST", headers: { ...headers, cookie: cookie! }, body: "", redirect: "manual" });
        expect(signOut.status, `sign-out from ${origin}`).toBeLessThan(500);
        expect(await liveSession(), `sign-out from ${origin}`).toBe(1);
      }
      // The cookie still opens the profile: nothing above ended it.
      expect((await fetch(`${app.url}/profile`, { headers: { cookie: cookie! }, redirect: "manual" })).status).toBe(200);
    });
  });

  describe("enumeration: whole answers, not just their words", () => {
    /** What a client can compare: status, the headers that matter, cookies by name and attributes, and the body with the typed name masked. */
    const shape = async (response: Response | Promise<Response>, typed: string) => {
      const r = await response;
      const masked = (await r.text()).split(typed).join("<typed>").split(encodeURIComponent(typed)).join("<typed>");
      return {
        status: r.status,
        headers: Object.fromEntries(["content-type", "cache-control", "location", "retry-after", "vary"].map((h) => [h, r.headers.get(h)?.split(typed).join("<typed>") ?? null])),
        cookies: r.headers
          .getSetCookie()
          .map((c) => c.split(";").map((part, i) => (i === 0 ? part.split("=")[0]! : part.trim().toLowerCase())).filter((a) => !/^(expires|max-age)=/.test(a)))
          .sort(),
        body: masked,
      };
    };
    const expectAlike = (shapes: Record<string, unknown>) => {
      const [first, ...rest] = Object.keys(shapes);
      for (const name of rest) expect(shapes[name], `${name} answers like ${first}`).toEqual(shapes[first!]);
    };

    it("the apps' sign-in and reset, Auth.js's sign-in, Forgot Password and the storefront answer known and unknown accounts alike", async () => {
      // A known account with a wrong password, a disabled one, and one that does not exist.
      await db.handle.db.update(users).set({ status: "disabled" }).where(eq(users.username, "scanpack@demo.test"));
      const accounts = { known: "device@demo.test", disabled: "scanpack@demo.test", unknown: "nobody-at-all@demo.test" };
      const each = async (run: (username: string) => Promise<Response>) =>
        Object.fromEntries(await Promise.all(Object.entries(accounts).map(async ([k, u]) => [k, await shape(run(u), u)] as const)));

      expectAlike(
        await each((username) =>
          fetch(`${app.url}/api/app/session`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username, password: "Wrong-Password-7!", app: "sales-plus" }) }),
        ),
      );
      expectAlike(
        await each((username) => fetch(`${app.url}/api/app/password-reset`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username }) })),
      );
      expectAlike(
        await each(async (username) => {
          const csrf = await fetch(`${app.url}/api/auth/csrf`);
          const { csrfToken } = (await csrf.json()) as { csrfToken: string };
          const cookies = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
          return fetch(`${app.url}/api/auth/callback/credentials`, {
            method: "POST",
            headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookies, origin: app.url },
            body: new URLSearchParams({ csrfToken, username, password: "Wrong-Password-7!" }),
            redirect: "manual",
          });
        }),
      );
      const action = (name: string, path: string, fields: (username: string) => Record<string, string>) =>
        each((username) =>
          fetch(`${app.url}${path}`, {
            method: "POST",
            body: actionBody(fields(username)),
            headers: { "next-action": actionIdByName(name), accept: "text/x-component", origin: app.url },
            redirect: "manual",
          }),
        );
      expectAlike(await action("forgotPasswordAction", "/forgot-password", (email) => ({ email })));
      expectAlike(await action("signInAction", "/login", (username) => ({ username, password: "Wrong-Password-7!" })));

      // The storefront: a contact of this storefront, another organization's, and nobody.
      const contactsOf = { known: "cornerbuyer", "another organization's": "harbourbuyer", unknown: "nobody-at-all" };
      const store = async (name: string, fields: (username: string) => Record<string, string>) =>
        Object.fromEntries(
          await Promise.all(
            Object.entries(contactsOf).map(async ([k, u]) => [
              k,
              await shape(
                fetch(`${app.url}/store/demo`, {
                  method: "POST",
                  body: actionBody(fields(u)),
                  headers: { "next-action": actionIdByName(name), accept: "text/x-component", origin: app.url },
                  redirect: "manual",
                }),
                u,
              ),
            ]),
          ),
        );
      expectAlike(await store("contactForgotPasswordAction", (username) => ({ org: "demo", username })));
      expectAlike(await store("contactSignInAction", (username) => ({ org: "demo", username, password: "Wrong-Password-7!" })));
      await db.handle.db.update(users).set({ status: "active" }).where(eq(users.username, "scanpack@demo.test"));
    });
  });
});
