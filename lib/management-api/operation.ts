import "server-only";
import { z } from "zod";
import type { ApiKeyScope } from "@/db/schema";
import type { Actor } from "@/lib/audit/events";
import { databaseSeemsDown, noteDatabaseError, watchForOutage } from "@/lib/infra/availability";
import { env } from "@/lib/infra/env";
import { consumeRateLimitState, RATE_LIMITS } from "@/lib/infra/rate-limit";
import { authenticateApiKey, type AuthenticatedKey } from "@/lib/management-api/keys";
import { completeIdempotencyKey, fingerprintOf, isValidIdempotencyKey, releaseIdempotencyKey, reserveIdempotencyKey } from "@/lib/management-api/idempotency";
import { problem, toResponse, type ApiResult, type FieldProblem } from "@/lib/management-api/problems";
import { MAX_BODY_BYTES, readLimitedBody } from "@/lib/web/api";
import { requestMetaFrom, type RequestMeta } from "@/lib/web/request-context";
import { API_V1_COPY } from "@/lib/copy/management-api";
import { API_COPY } from "@/lib/copy/api";

/**
 * One /api/v1 operation: its place in the contract (method, path, schemas, answers) and what
 * it does. The same definition serves the route handler (operationHandler) and the OpenAPI
 * document (lib/management-api/document.ts), so the two cannot drift apart.
 */

export type Method = "get" | "post" | "patch" | "put" | "delete";

type AnyObject = z.ZodObject;

export type OperationContext<P extends AnyObject | undefined, Q extends AnyObject | undefined, B extends z.ZodType | undefined> = {
  /** The key acting, as the console's verbs take an actor: organization-scoped, audited as the key. */
  actor: Actor;
  key: AuthenticatedKey;
  params: P extends AnyObject ? z.infer<P> : Record<string, never>;
  query: Q extends AnyObject ? z.infer<Q> : Record<string, never>;
  body: B extends z.ZodType ? z.infer<B> : undefined;
  /** The body as sent, for an operation that takes a file (`file`) instead of JSON. */
  file: Uint8Array;
  meta: RequestMeta;
};

/** A body that is a file of one media type (an import's CSV), read up to its own limit instead of JSON's. */
export type FileBody = { mediaType: string; maxBytes: number; description: string; tooLarge: string; wrongMediaType: string };

export type Operation<P extends AnyObject | undefined = AnyObject | undefined, Q extends AnyObject | undefined = AnyObject | undefined, B extends z.ZodType | undefined = z.ZodType | undefined> = {
  operationId: string;
  method: Method;
  /** OpenAPI path under /api/v1, `{name}` for a path parameter. */
  path: string;
  tag: "Users" | "Retailers" | "Contacts" | "Imports" | "Audit events";
  summary: string;
  description?: string;
  scope: ApiKeyScope;
  params?: P;
  query?: Q;
  body?: B;
  file?: FileBody;
  /** The success answers: status → description and body schema (none for 204). */
  responses: Record<number, { description: string; schema?: z.ZodType }>;
  /** The problems this operation's own logic may answer, beside the ones every operation may. */
  problems?: number[];
  /** What a problem status means here, where it means more than it does for every operation. */
  problemNotes?: Record<number, string>;
  run(ctx: OperationContext<P, Q, B>): Promise<ApiResult>;
};

export function defineOperation<P extends AnyObject | undefined = undefined, Q extends AnyObject | undefined = undefined, B extends z.ZodType | undefined = undefined>(
  op: Operation<P, Q, B>,
): Operation<P, Q, B> {
  return op;
}

/** `{"a":{"b":1}}`'s path a.b as a JSON Pointer (RFC 6901), as RFC 9457's examples name fields. */
function pointerOf(path: PropertyKey[]): string {
  return `/${path.map((p) => String(p).replace(/~/g, "~0").replace(/\//g, "~1")).join("/")}`;
}

export function fieldProblems(error: z.ZodError, where: "body" | "query"): FieldProblem[] {
  return error.issues.map((issue) => ({
    pointer: where === "query" ? `#query${pointerOf(issue.path)}` : `#${pointerOf(issue.path)}`.replace(/^#\/$/, "#"),
    detail: issue.message,
  }));
}

function invalid(error: z.ZodError, where: "body" | "query"): ApiResult {
  return problem(400, "invalid-request", API_COPY.invalidRequest(where), {
    errors: fieldProblems(error, where),
  });
}

const bearer = (request: Request) => /^Bearer +(\S+) *$/i.exec(request.headers.get("authorization") ?? "")?.[1] ?? null;

const CHALLENGE = { "WWW-Authenticate": 'Bearer realm="gatehouse-management-api"' };

/** RateLimit / RateLimit-Policy (draft-ietf-httpapi-ratelimit-headers) for the key's budget. */
function rateLimitHeaders(state: { limit: number; remaining: number; resetSeconds: number }): Record<string, string> {
  return {
    "RateLimit-Policy": `"per-key";q=${state.limit};w=${RATE_LIMITS.apiKeyRequests.duration}`,
    RateLimit: `"per-key";r=${state.remaining};t=${state.resetSeconds}`,
  };
}

async function authenticate(request: Request, meta: RequestMeta): Promise<{ ok: true; key: AuthenticatedKey } | { ok: false; result: ApiResult }> {
  const auth = await authenticateApiKey(bearer(request), meta);
  if (auth.ok) return auth;
  const detail =
    auth.reason === "missing" ? API_V1_COPY.missingKey : auth.reason === "revoked" ? API_V1_COPY.revokedKey : auth.reason === "expired" ? API_V1_COPY.expiredKey : API_V1_COPY.unknownKey;
  return { ok: false, result: problem(401, "unauthorized", detail, { headers: CHALLENGE }) };
}

function parseJson(bytes: Uint8Array): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes)) };
  } catch {
    return { ok: false };
  }
}

/**
 * The route handler of one operation: authenticate the Bearer key → check its scope →
 * spend from its rate limit → parse path, query and body with the operation's zod schemas →
 * (POST) claim the Idempotency-Key → run → JSON. Every refusal is a problem document and
 * changes nothing. While the database is out of reach it answers 503 at once.
 */
export function operationHandler(op: Operation) {
  return async (request: Request, context: { params: Promise<Record<string, string | string[]>> }): Promise<Response> => {
    if (databaseSeemsDown()) return toResponse(unavailable());
    try {
      const { result, unavailable: down } = await watchForOutage(() => handle(op, request, context));
      return down ? toResponse(unavailable()) : result;
    } catch (error) {
      if (noteDatabaseError(error)) return toResponse(unavailable());
      console.error(`[api/v1] ${op.operationId} failed:`, error instanceof Error ? (error.stack ?? error.message) : "non-error thrown");
      return toResponse(problem(500, "internal-error", API_COPY.internalError));
    }
  };
}

function unavailable(): ApiResult {
  const seconds = env.UNAVAILABLE_RETRY_AFTER_SECONDS;
  return problem(503, "unavailable", API_COPY.unavailable, { headers: { "Retry-After": String(seconds) } });
}

async function handle(op: Operation, request: Request, context: { params: Promise<Record<string, string | string[]>> }): Promise<Response> {
  const meta = requestMetaFrom(request.headers);
  const auth = await authenticate(request, meta);
  if (!auth.ok) return toResponse(auth.result);
  const { key } = auth;

  const budget = await consumeRateLimitState("apiKeyRequests", key.id);
  const limitHeaders = rateLimitHeaders(budget);
  const answer = (result: ApiResult) => toResponse(result, limitHeaders);
  if (!budget.ok) {
    return answer(problem(429, "rate-limited", API_V1_COPY.rateLimited(budget.resetSeconds), { headers: { "Retry-After": String(budget.resetSeconds) } }));
  }
  if (op.scope === "write" && !key.scopes.includes("write")) return answer(problem(403, "forbidden", API_V1_COPY.readOnlyKey));

  // A path parameter that cannot name anything (not a UUID) is as unknown as another company's id.
  const rawParams = await context.params;
  const params = op.params ? op.params.safeParse(rawParams) : { success: true as const, data: {} };
  if (!params.success) return answer(problem(404, "not-found", API_V1_COPY.noSuchResource));

  const url = new URL(request.url);
  const query = op.query ? op.query.safeParse(Object.fromEntries(url.searchParams)) : { success: true as const, data: {} };
  if (!query.success) return answer(invalid(query.error, "query"));

  let bytes: Uint8Array = new Uint8Array();
  let body: unknown;
  if (op.body) {
    const mediaType = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
    if (mediaType !== "application/json") return answer(problem(415, "unsupported-media-type", API_COPY.notJsonMediaType));
    let read: Uint8Array | "too_large";
    try {
      read = await readLimitedBody(request);
    } catch {
      return answer(problem(400, "invalid-json", API_COPY.unreadableBody));
    }
    if (read === "too_large") return answer(problem(413, "body-too-large", API_COPY.tooLarge(MAX_BODY_BYTES / 1024)));
    bytes = read;
    const value = parseJson(bytes);
    if (!value.ok) return answer(problem(400, "invalid-json", API_COPY.invalidJson));
    const parsed = op.body.safeParse(value.value);
    if (!parsed.success) return answer(invalid(parsed.error, "body"));
    body = parsed.data;
  } else if (op.file) {
    const mediaType = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
    if (mediaType !== op.file.mediaType) return answer(problem(415, "unsupported-media-type", op.file.wrongMediaType));
    let read: Uint8Array | "too_large";
    try {
      read = await readLimitedBody(request, op.file.maxBytes);
    } catch {
      return answer(problem(400, "invalid-request", API_COPY.unreadableBody));
    }
    if (read === "too_large") return answer(problem(413, "body-too-large", op.file.tooLarge));
    bytes = read;
  }

  const idempotencyKey = op.method === "post" ? request.headers.get("idempotency-key") : null;
  if (idempotencyKey !== null) {
    if (!isValidIdempotencyKey(idempotencyKey)) {
      return answer(problem(400, "invalid-request", API_V1_COPY.badIdempotencyKey, { errors: [{ pointer: "#header/Idempotency-Key", detail: API_V1_COPY.badIdempotencyKey }] }));
    }
    const reservation = await reserveIdempotencyKey(key.id, idempotencyKey, fingerprintOf(op.method, url.pathname, bytes));
    if (reservation.state === "mismatch") return answer(problem(422, "idempotency-key-reused", API_V1_COPY.idempotencyReused));
    if (reservation.state === "in_progress") return answer(problem(409, "idempotency-key-in-use", API_V1_COPY.idempotencyInUse, { headers: { "Retry-After": "1" } }));
    if (reservation.state === "replay") return answer(replayed(reservation.status, reservation.body));
  }

  const actor: Actor = { id: key.id, organizationId: key.organizationId, kind: "api_key" };
  let result: ApiResult;
  try {
    result = await op.run({ actor, key, params: params.data, query: query.data, body, file: bytes, meta } as never);
  } catch (error) {
    if (idempotencyKey !== null) await releaseIdempotencyKey(key.id, idempotencyKey).catch(() => undefined);
    throw error;
  }
  if (idempotencyKey !== null) {
    const status = result.kind === "problem" ? result.problem.status : result.status;
    if (status >= 500) await releaseIdempotencyKey(key.id, idempotencyKey);
    else await completeIdempotencyKey(key.id, idempotencyKey, status, result.kind === "problem" ? result.problem : result.kind === "json" ? result.body : null);
  }
  return answer(result);
}

/** The first answer again, marked as a replay. */
function replayed(status: number, body: unknown): ApiResult {
  const headers = { "Idempotent-Replayed": "true" };
  if (status === 204) return { kind: "empty", status: 204 };
  if (status >= 400) return { kind: "problem", problem: body as never, headers };
  return { kind: "json", status, body, headers };
}
