import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { cache } from "react";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/lib/infra/database";
import type { UserType } from "@/db/schema";
import { authConfig } from "@/lib/sessions/auth.config";
import { isDatabaseUnavailable } from "@/lib/infra/availability";
import { getRequestMeta } from "@/lib/web/request-context";
import { signInSchema } from "@/lib/web/schemas";
import { currentSession, type CurrentSession } from "@/lib/sessions/current";
import { startBrowserSession } from "@/lib/sessions/records";
import { signInStaff, type SignedInStaff } from "@/lib/staff/sign-in";

/** Carries the reason of a refused sign-in to the login action (never which field was wrong). */
class StaffSignInError extends CredentialsSignin {
  constructor(code: "invalid" | "locked" | "rate_limited") {
    super();
    this.code = code;
  }
}

/**
 * Hands the user `authorize` signed in back to signInWithPassword (authorize runs inside its
 * call), so the login action can send them straight to their landing page. A redirect to "/"
 * would make Next.js fetch and render that router page from itself inside the action's
 * response, only to redirect again.
 */
const signingIn = new AsyncLocalStorage<{ user?: SignedInStaff }>();

const nextAuth = NextAuth(() => ({
  ...authConfig(),
  providers: [
    Credentials({
      credentials: { username: {}, password: {} },
      async authorize(credentials) {
        const parsed = signInSchema.safeParse(credentials);
        if (!parsed.success) throw new StaffSignInError("invalid");
        const meta = await getRequestMeta();
        const result = await signInStaff(parsed.data, meta);
        if (!result.ok) throw new StaffSignInError(result.reason);
        const u = result.user;
        const session = await startBrowserSession(
          await getDb(),
          { kind: "console", organizationId: u.organizationId, userId: u.id, sessionVersion: u.sessionVersion },
          meta,
        );
        const pending = signingIn.getStore();
        if (pending) pending.user = u;
        return {
          id: u.id,
          name: u.displayName,
          userType: u.userType,
          organizationId: u.organizationId,
          organizationSlug: u.organizationSlug,
          sessionId: session.id,
        };
      },
    }),
  ],
}));

export const { handlers, signOut } = nextAuth;

/**
 * Signs a staff user in with username and password (the session cookie is set on this
 * response) and says who it was; a refusal throws Auth.js's CredentialsSignin with its `code`.
 */
export async function signInWithPassword(username: string, password: string): Promise<SignedInStaff> {
  const pending: { user?: SignedInStaff } = {};
  try {
    await signingIn.run(pending, () => nextAuth.signIn("credentials", { username, password, redirect: false }));
  } catch (error) {
    // Auth.js wraps an outage in an AuthError, which the login action would read as a refused password.
    if (isDatabaseUnavailable(error)) throw new Error("The database is unavailable", { cause: error });
    throw error;
  }
  const { user } = pending;
  if (!user) throw new Error("Invariant: Auth.js signed in without calling authorize");
  return user;
}

/** A signed-in staff user and the browser session they are using. */
export type StaffSession = CurrentSession<"console">;

/**
 * The authoritative session check: Auth.js opens its cookie, whose claims name the user and
 * their browser_sessions row; lib/sessions/current.ts decides whether that session still counts.
 */
async function uncachedAuth(): Promise<StaffSession | null> {
  const session = await nextAuth.auth();
  if (!session?.user?.id || !session.user.sessionId) return null;
  return currentSession("console", { sessionId: session.user.sessionId, accountId: session.user.id });
}

export const auth = cache(uncachedAuth);

export type { UserType };
