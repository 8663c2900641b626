import "server-only";
import type { z } from "zod";
import { authenticateAppToken, type AppAuthResult, type AppSession } from "@/lib/sessions/app-tokens";
import { databaseSeemsDown, noteDatabaseError, watchForOutage } from "@/lib/infra/availability";
import { env } from "@/lib/infra/env";
import { isWellFormedToken } from "@/lib/credentials/tokens";
import { API_COPY } from "@/lib/copy/api";

/**
 * The apps' JSON API (`/api/app/**`, docs/app-api.md): one response shape, one body reader
 * and one bearer check, so every route handler answers the same way to the same mistake.
 */

/** The API's version: additions keep it; a breaking change moves to new paths. */
export const APP_API_VERSION = "1";

/** Largest request body the API reads (16 KiB); anything bigger is refused with 413. */
export const MAX_BODY_BYTES = 16 * 1024;

export type ApiErrorCode =
  | "invalid_json"
  | "invalid_request"
  | "body_too_large"
  | "unsupported_media_type"
  | "unauthorized"
  | "session_revoked"
  | "invalid_credentials"
  | "locked"
  | "rate_limited"
  | "app_not_allowed"
  | "forbidden"
  | "not_found"
  | "no_website_access"
  | "unavailable"
  | "internal_error";

function apiHeaders(extra?: HeadersInit): Headers {
  const headers = new Headers(extra);
  headers.set("Cache-Control", "no-store");
  headers.set("Gatehouse-Api-Version", APP_API_VERSION);
  return headers;
}

/** A JSON answer; never cached (it may hold a token or personal data). */
export function apiJson(body: unknown, init: { status?: number; headers?: HeadersInit } = {}): Response {
  return Response.json(body, { status: init.status ?? 200, headers: apiHeaders(init.headers) });
}

/** An answer without a body (204). */
export function apiNoContent(): Response {
  return new Response(null, { status: 204, headers: apiHeaders() });
}

/** `{ "error": code, "message": text, ...extra }`: the one error shape, never a stack trace. */
export function apiError(
  status: number,
  error: ApiErrorCode,
  message: string,
  init: { extra?: Record<string, unknown>; headers?: HeadersInit } = {},
): Response {
  return apiJson({ error, message, ...init.extra }, { status, headers: init.headers });
}

/** 423 or 429 with the wait both in the body (`retryAfter`, seconds) and in `Retry-After`. */
export function apiRetryLater(status: 423 | 429, error: "locked" | "rate_limited", message: string, seconds: number) {
  return apiError(status, error, message, {
    extra: { retryAfter: seconds },
    headers: { "Retry-After": String(seconds) },
  });
}

/** 503 while the database cannot be reached: the client should retry, nothing was done. */
export function apiUnavailable(): Response {
  const seconds = env.UNAVAILABLE_RETRY_AFTER_SECONDS;
  return apiError(503, "unavailable", API_COPY.unavailable, {
    extra: { retryAfter: seconds },
    headers: { "Retry-After": String(seconds) },
  });
}

/**
 * Wraps a route handler: while the database is known to be out of reach it answers 503 at
 * once (no request waits out a connect timeout); an outage met on the way is a 503 too, even
 * one a library swallowed into an answer of its own (Auth.js's error redirect); anything else it did not expect becomes a generic 500 (logged without the request's body
 * or headers, so no password or token reaches a log).
 */
export function apiRoute<A extends [Request, ...unknown[]]>(handler: (...args: A) => Promise<Response>) {
  return async (...args: A): Promise<Response> => {
    if (databaseSeemsDown()) return apiUnavailable();
    try {
      const { result, unavailable } = await watchForOutage(() => handler(...args));
      return unavailable ? apiUnavailable() : result;
    } catch (error) {
      if (noteDatabaseError(error)) return apiUnavailable();
      const [request] = args;
      console.error(
        `[api] ${request.method} ${new URL(request.url).pathname} failed:`,
        error instanceof Error ? (error.stack ?? error.message) : "non-error thrown",
      );
      return apiError(500, "internal_error", API_COPY.internalError);
    }
  };
}

export type Parsed<T> = { ok: true; data: T } | { ok: false; response: Response };

/** Every field problem of a failed parse, first message per field, keyed by its dotted path. */
export function fieldMessages(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.map(String).join(".") : "body";
    out[key] ??= issue.path.length ? issue.message : API_COPY.notAnObject;
  }
  return out;
}

function invalidRequest(error: z.ZodError, what: "body" | "query"): Response {
  return apiError(400, "invalid_request", API_COPY.invalidRequest(what), {
    extra: { fields: fieldMessages(error) },
  });
}

function tooLarge(): Response {
  return apiError(413, "body_too_large", API_COPY.tooLarge(MAX_BODY_BYTES / 1024));
}

/**
 * Reads at most `maxBytes` (MAX_BODY_BYTES unless the route takes a file) of the body. A declared Content-Length over the limit is refused
 * before reading; a body without one (chunked) is refused as soon as it passes the limit.
 */
export async function readLimitedBody(request: Request, maxBytes = MAX_BODY_BYTES): Promise<Uint8Array | "too_large"> {
  const declared = request.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > maxBytes) return "too_large";
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return "too_large";
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** The request body as JSON, checked against `schema`: 415, 413, 400 `invalid_json` or 400 `invalid_request`. */
export async function readJsonBody<S extends z.ZodType>(request: Request, schema: S): Promise<Parsed<z.infer<S>>> {
  const mediaType = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (mediaType !== "application/json") {
    return {
      ok: false,
      response: apiError(415, "unsupported_media_type", API_COPY.notJsonMediaType),
    };
  }
  let bytes: Uint8Array | "too_large";
  try {
    bytes = await readLimitedBody(request);
  } catch {
    return { ok: false, response: apiError(400, "invalid_json", API_COPY.unreadableBody) };
  }
  if (bytes === "too_large") return { ok: false, response: tooLarge() };
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    return { ok: false, response: apiError(400, "invalid_json", API_COPY.invalidJson) };
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) return { ok: false, response: invalidRequest(parsed.error, "body") };
  return { ok: true, data: parsed.data };
}

/** The query string, checked against `schema` (a repeated parameter counts once: the last). */
export function readQuery<S extends z.ZodType>(request: Request, schema: S): Parsed<z.infer<S>> {
  const parsed = schema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return { ok: false, response: invalidRequest(parsed.error, "query") };
  return { ok: true, data: parsed.data };
}

/**
 * The token of `Authorization: Bearer <token>`, or null when the header is missing, uses
 * another scheme or holds something that is not a token we could have issued (such values
 * never reach the database).
 */
export function bearerTokenOf(request: Request): string | null {
  const match = /^Bearer +([^\s]+) *$/i.exec(request.headers.get("authorization") ?? "");
  const token = match?.[1];
  return token && isWellFormedToken(token) ? token : null;
}

/** The 401 for a missing, unknown or ended token, with the RFC 6750 challenge. */
export function unauthorizedResponse(result: Extract<AppAuthResult, { ok: false }>): Response {
  if (result.reason === "session_revoked") {
    return apiError(401, "session_revoked", API_COPY.sessionEnded[result.cause], {
      headers: { "WWW-Authenticate": 'Bearer realm="gatehouse", error="invalid_token"' },
    });
  }
  return apiError(401, "unauthorized", API_COPY.signInFirst, {
    headers: { "WWW-Authenticate": 'Bearer realm="gatehouse"' },
  });
}

/** The request's app session, or the 401 to answer with. */
export async function requireAppSession(request: Request): Promise<{ ok: true; session: AppSession } | { ok: false; response: Response }> {
  const result = await authenticateAppToken(bearerTokenOf(request));
  if (!result.ok) return { ok: false, response: unauthorizedResponse(result) };
  return { ok: true, session: result.session };
}

/** The user part of every answer about a session. */
export function appSessionBody(session: { app: AppSession["app"]; expiresAt: Date; user: AppSession["user"] }) {
  return { app: session.app, expiresAt: session.expiresAt.toISOString(), user: session.user };
}
