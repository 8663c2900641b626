import { headers } from "next/headers";
import { env } from "./env";

export type RequestMeta = { ip: string | null; userAgent: string | null };

/**
 * The client's address: the X-Forwarded-For entry TRUSTED_PROXY_HOPS places from the right
 * (Next.js itself appends the socket's address), so a client cannot choose its own.
 */
export function clientIp(forwardedFor: string | null): string | null {
  if (!forwardedFor) return null;
  const hops = forwardedFor.split(",").map((s) => s.trim()).filter(Boolean);
  const ip = hops[hops.length - 1 - env.TRUSTED_PROXY_HOPS] ?? hops[0];
  return ip ? ip.slice(0, 64) : null;
}

/** Client address and user agent from a request's headers (route handlers have the Request). */
export function requestMetaFrom(h: Headers): RequestMeta {
  return {
    ip: clientIp(h.get("x-forwarded-for")) ?? h.get("x-real-ip"),
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
