import type { NextAuthConfig } from "next-auth";
import type { UserType } from "@/db/schema";
import { createHmac } from "node:crypto";
import { env, getSecrets } from "./env";
import { sameOriginPath } from "./safe-redirect";
import { decodeSessionToken, encodeSessionToken } from "./session-token";

/** Proof, made on the server, that this session may carry session version `sv`. */
export function sessionTicket(userId: string, sv: number): string {
  return createHmac("sha256", getSecrets().authSecret).update(`session-reissue:${userId}:${sv}`).digest("base64url");
}

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
    jwt({ token, user, trigger, session }) {
      // After the user's own password change only a server-made ticket may move this
      // session to the new version (a client-sent update cannot revive an ended session).
      if (trigger === "update") {
        const claims = token as Claims;
        const update = session as { sv?: unknown; ticket?: unknown } | undefined;
        if (
          claims.uid &&
          typeof update?.sv === "number" &&
          typeof update.ticket === "string" &&
          update.ticket === sessionTicket(claims.uid, update.sv)
        ) {
          claims.sv = update.sv;
        }
        return token;
      }
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
