import { AsyncLocalStorage } from "node:async_hooks";
import { cache } from "react";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import type { UserType } from "@/db/schema";
import { authConfig, sessionTicket } from "./auth.config";
import { isDatabaseUnavailable } from "./availability";
import { getRequestMeta } from "./request-context";
import { signInSchema } from "./schemas";
import { signInStaff, type SignedInStaff } from "./sign-in";
import { getSessionUser, type SessionUser } from "./users";

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
        const result = await signInStaff(parsed.data, await getRequestMeta());
        if (!result.ok) throw new StaffSignInError(result.reason);
        const u = result.user;
        const pending = signingIn.getStore();
        if (pending) pending.user = u;
        return {
          id: u.id,
          name: u.displayName,
          userType: u.userType,
          organizationId: u.organizationId,
          organizationSlug: u.organizationSlug,
          sessionVersion: u.sessionVersion,
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

/** Keeps the current browser signed in after its user changed their own password. */
export async function reissueSession(userId: string, sessionVersion: number): Promise<void> {
  await nextAuth.unstable_update({ sv: sessionVersion, ticket: sessionTicket(userId, sessionVersion) } as never);
}

export type StaffSession = SessionUser;

/**
 * The authoritative session check: the cookie must be valid AND its session version must
 * still be the user's (a password change, reset, disable or "sign out everywhere" moves it on).
 */
async function uncachedAuth(): Promise<StaffSession | null> {
  const session = await nextAuth.auth();
  if (!session?.user?.id) return null;
  const user = await getSessionUser(session.user.id);
  if (!user || user.status !== "active" || user.sessionVersion !== session.user.sessionVersion) return null;
  return user;
}

export const auth = cache(uncachedAuth);

export type { UserType };
