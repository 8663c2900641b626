import type { NextAuthConfig } from "next-auth";
import type { UserType } from "@/db/schema";
import { env, getSecrets } from "./env";

/**
 * The provider-free half of Auth.js: what proxy.ts needs to read a session's claims
 * without touching the database. lib/auth.ts adds the Credentials provider.
 */

declare module "next-auth" {
  interface User {
    userType?: UserType;
    organizationId?: string;
    organizationSlug?: string;
    sessionVersion?: number;
  }
  interface Session {
    user: {
      id: string;
      name: string;
      userType: UserType;
      organizationId: string;
      organizationSlug: string;
      sessionVersion: number;
    };
  }
}

type Claims = {
  uid?: string;
  typ?: UserType;
  org?: string;
  orgSlug?: string;
  /** The user's session version at sign-in; compared with the database on every request. */
  sv?: number;
};

/**
 * A function, so the secret is read at the first request rather than at build time
 * (production refuses to start without one; development generates one under .data/).
 */
export const authConfig = (): NextAuthConfig => ({
  secret: getSecrets().authSecret,
  trustHost: true,
  session: { strategy: "jwt", maxAge: env.SESSION_MAX_AGE_HOURS * 3600 },
  pages: { signIn: "/login", error: "/login" },
  providers: [],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        const claims: Claims = {
          uid: user.id,
          typ: user.userType,
          org: user.organizationId,
          orgSlug: user.organizationSlug,
          sv: user.sessionVersion,
        };
        Object.assign(token, claims);
      }
      return token;
    },
    session({ session, token }) {
      const claims = token as Claims;
      session.user = {
        ...session.user,
        id: claims.uid ?? "",
        name: session.user?.name ?? "",
        userType: claims.typ ?? "device",
        organizationId: claims.org ?? "",
        organizationSlug: claims.orgSlug ?? "",
        sessionVersion: claims.sv ?? 0,
      };
      return session;
    },
  },
  logger: {
    // Failed sign-ins are expected traffic and already audited; keep them out of the logs.
    error(error) {
      if ((error as { type?: string }).type === "CredentialsSignin") return;
      console.error("[auth]", error.name, error.message);
    },
  },
});
