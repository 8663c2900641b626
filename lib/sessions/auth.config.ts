import "server-only";
import type { NextAuthConfig } from "next-auth";
import type { UserType } from "@/db/schema";
import { noteDatabaseError } from "@/lib/infra/availability";
import { env, getSecrets } from "@/lib/infra/env";
import { sameOriginPath } from "@/lib/web/safe-redirect";
import { decodeSessionToken, encodeSessionToken } from "@/lib/sessions/jwt-codec";

/**
 * The provider-free half of Auth.js: what proxy.ts needs to read a session's claims
 * without touching the database. lib/sessions/auth.ts adds the Credentials provider.
 */

declare module "next-auth" {
  interface User {
    userType?: UserType;
    organizationId?: string;
    organizationSlug?: string;
    sessionId?: string;
  }
  interface Session {
    user: {
      id: string;
      name: string;
      userType: UserType;
      organizationId: string;
      organizationSlug: string;
      sessionId: string;
    };
  }
}

type Claims = {
  uid?: string;
  typ?: UserType;
  org?: string;
  orgSlug?: string;
  /** The browser_sessions row this cookie belongs to; lib/sessions/auth.ts checks it on every request. */
  sid?: string;
};

/**
 * A function, so the secret is read at the first request rather than at build time
 * (production refuses to start without one; development generates one under .data/).
 */
export const authConfig = (): NextAuthConfig => ({
  secret: getSecrets().authSecret,
  trustHost: true,
  // Secure (and __Secure- prefixed) cookies whenever the public URL is https.
  useSecureCookies: env.APP_URL.startsWith("https:"),
  session: { strategy: "jwt", maxAge: env.SESSION_MAX_AGE_HOURS * 3600 },
  // Auth.js's cookie format with the key derived once and no threadpool round trips.
  jwt: { encode: encodeSessionToken, decode: decodeSessionToken },
  pages: { signIn: "/login", error: "/login" },
  providers: [],
  callbacks: {
    // Auth.js's own endpoints (/api/auth/signin, signout, callback) follow a callbackUrl from
    // the request: one rule for every redirect (lib/safe-redirect.ts). A path, not a URL: the
    // browser stays on the host it is on (Auth.js's baseUrl is not always that host).
    redirect({ url }) {
      return sameOriginPath(url) ?? "/";
    },
    jwt({ token, user, trigger }) {
      // Nothing a client sends to the session endpoint changes a session: what it may do is
      // decided by its row on the server.
      if (trigger === "update") return token;
      if (user) {
        const claims: Claims = {
          uid: user.id,
          typ: user.userType,
          org: user.organizationId,
          orgSlug: user.organizationSlug,
          sid: user.sessionId,
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
        sessionId: claims.sid ?? "",
      };
      return session;
    },
  },
  logger: {
    // Failed sign-ins are expected traffic and already audited; keep them out of the logs.
    error(error) {
      if ((error as { type?: string }).type === "CredentialsSignin") return;
      // Auth.js answers its own routes after swallowing the error; this is where their 503 learns of it.
      noteDatabaseError(error);
      console.error("[auth]", error.name, error.message);
    },
  },
});
