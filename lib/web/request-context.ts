import "server-only";
import { isIP } from "node:net";
import { headers } from "next/headers";
import { env } from "@/lib/infra/env";

export type RequestMeta = { ip: string | null; userAgent: string | null };

type ClientHeaders = { peer: string; forwardedFor: string };

/**
 * The headers server.mjs writes each request's socket address and received X-Forwarded-For
 * into, or undefined when the process was not started through server.mjs (then no header can
 * be trusted to hold them: Next.js fills in X-Forwarded-For itself when a client sends none).
 */
export function clientHeaderNames(): ClientHeaders | undefined {
  return (globalThis as Record<symbol, ClientHeaders | undefined>)[Symbol.for("gatehouse.client-headers")];
}

/** `::ffff:192.0.2.1` → `192.0.2.1`; anything that is not an IP address → null. */
function normaliseAddress(raw: string | null | undefined): string | null {
  const value = raw?.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "") ?? "";
  return isIP(value) ? value.toLowerCase() : null;
}

/**
 * The client's address, never one the client chose. With no trusted proxy it is the
 * connection's peer; behind TRUSTED_PROXY_HOPS proxies that each append their peer to
 * X-Forwarded-For, it is the hops-th entry from the right (what the outermost proxy saw).
 * Anything else — no peer, too few entries, an entry that is not an address — is unknown
 * (null), which rate limits count against one shared budget.
 */
export function clientIp(
  request: { peer: string | null | undefined; forwardedFor: string | null | undefined },
  hops: number = env.TRUSTED_PROXY_HOPS,
): string | null {
  if (hops === 0) return normaliseAddress(request.peer);
  if (!normaliseAddress(request.peer)) return null;
  const entries = (request.forwardedFor ?? "").split(",");
  if (entries.length < hops) return null;
  return normaliseAddress(entries[entries.length - hops]);
}

/** Client address and user agent from a request's headers (route handlers have the Request). */
export function requestMetaFrom(h: Headers): RequestMeta {
  const names = clientHeaderNames();
  return {
    ip: names ? clientIp({ peer: h.get(names.peer), forwardedFor: h.get(names.forwardedFor) }) : null,
    userAgent: h.get("user-agent")?.slice(0, 512) ?? null,
  };
}

export async function getRequestMeta(): Promise<RequestMeta> {
  try {
    return requestMetaFrom(await headers());
  } catch {
    // Outside a request (scripts, tests) there is no client.
    return { ip: null, userAgent: null };
  }
}
