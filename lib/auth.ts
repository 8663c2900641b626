import { cache } from "react";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import type { UserType } from "@/db/schema";
import { authConfig, sessionTicket } from "./auth.config";
import { getRequestMeta } from "./request-context";
import { signInSchema } from "./schemas";
import { signInStaff } from "./sign-in";
import { getSessionUser, type SessionUser } from "./users";

/** Carries the reason of a refused sign-in to the login action (never which field was wrong). */
class StaffSignInError extends CredentialsSignin {
  constructor(code: "invalid" | "locked" | "rate_limited") {
    super();
    this.code = code;
  }
}

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

export const { handlers, signIn, signOut } = nextAuth;

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
