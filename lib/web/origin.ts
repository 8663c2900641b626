import "server-only";
import { env } from "@/lib/infra/env";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * A state-changing request a browser sent from another site: its Origin names neither this
 * request's host nor APP_URL's. Requests without Origin (native apps, curl) are not
 * browser cross-site requests and pass; the apps' API authenticates with bearer tokens.
 */
export function isCrossOriginWrite(method: string, headers: Headers): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return false;
  const origin = headers.get("origin");
  if (!origin) return false;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return true; // "null" or garbage from a sandboxed or hostile page
  }
  const allowed = new Set([headers.get("x-forwarded-host"), headers.get("host"), new URL(env.APP_URL).host].filter(Boolean));
  return !allowed.has(originHost);
}
