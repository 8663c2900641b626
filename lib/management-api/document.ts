import "server-only";
import { z } from "zod";
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject, type ZodOpenApiResponsesObject } from "zod-openapi";
import { PROBLEM_TITLES } from "@/lib/copy/management-api";
import { RATE_LIMITS } from "@/lib/infra/rate-limit";
import { IDEMPOTENCY_TTL_HOURS } from "@/lib/management-api/idempotency";
import type { Operation } from "@/lib/management-api/operation";
import { OPERATIONS } from "@/lib/management-api/operations";
import { PROBLEM_TYPE_BASE } from "@/lib/management-api/problems";
import { MAX_BODY_BYTES } from "@/lib/web/api";

/**
 * The OpenAPI 3.1 document of /api/v1, generated from the operations' own zod schemas (the
 * ones that parse requests), so the contract and the code cannot drift apart. Served at
 * /api/v1/openapi.json; the typed client in tests/contract is generated from it.
 */

export const API_V1_VERSION = "1.0.0";

const problemSchema = z
  .object({
    type: z.url().meta({ description: `Names the problem; stable. One of ${Object.keys(PROBLEM_TITLES).map((t) => `${PROBLEM_TYPE_BASE}${t}`).join(", ")}.` }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z.array(z.object({ pointer: z.string().meta({ description: "JSON Pointer to the field (#/name), #query/name or #header/name." }), detail: z.string() })).optional(),
  })
  .meta({ id: "Problem", description: "RFC 9457 problem details." });

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: "The query, body or a header is not valid (see errors).",
  401: "No API key, or one that is unknown, revoked or expired.",
  403: "The key's scopes do not allow this operation.",
  404: "No such resource in the key's organization.",
  409: "The request conflicts with the current state (or an Idempotency-Key is still in use).",
  413: `The body is larger than ${MAX_BODY_BYTES / 1024} kB.`,
  415: "The body is not application/json.",
  422: "This Idempotency-Key was used with a different request.",
  429: "The key's rate limit is spent (see Retry-After).",
  500: "Something went wrong on our side.",
  503: "The service is temporarily unavailable (see Retry-After).",
};

const rateLimitHeaders = {
  RateLimit: { description: "The key's budget left and seconds until it refills: \"per-key\";r=…;t=…", schema: { type: "string" as const } },
  "RateLimit-Policy": { description: "The key's budget: \"per-key\";q=requests;w=seconds", schema: { type: "string" as const } },
};

function problemStatuses(op: Operation): number[] {
  const statuses = new Set<number>([401, 429, 500, 503, ...(op.problems ?? [])]);
  if (op.scope === "write") statuses.add(403);
  if (op.params) statuses.add(404);
  if (op.query || op.body || op.method === "post") statuses.add(400);
  if (op.body || op.file) [413, 415].forEach((s) => statuses.add(s));
  if (op.method === "post") [409, 422].forEach((s) => statuses.add(s));
  return [...statuses].sort();
}

function operationObject(op: Operation): ZodOpenApiOperationObject {
  const responses: ZodOpenApiResponsesObject = {};
  for (const [status, r] of Object.entries(op.responses)) {
    responses[status as `${1 | 2 | 3 | 4 | 5}${string}`] = {
      description: r.description,
      headers: rateLimitHeaders,
      ...(r.schema ? { content: { "application/json": { schema: r.schema } } } : {}),
    };
  }
  for (const status of problemStatuses(op)) {
    responses[String(status) as `${1 | 2 | 3 | 4 | 5}${string}`] = {
      description: op.problemNotes?.[status] ?? PROBLEM_DESCRIPTIONS[status]!,
      ...(status === 429 || status === 503 ? { headers: { "Retry-After": { description: "Seconds to wait.", schema: { type: "integer" } } } } : {}),
      content: { "application/problem+json": { schema: problemSchema } },
    };
  }
  const header =
    op.method === "post"
      ? z.object({
          "Idempotency-Key": z
            .string()
            .min(1)
            .max(255)
            .optional()
            .meta({ description: `Makes a retry safe: a replay within ${IDEMPOTENCY_TTL_HOURS} hours returns the first answer and changes nothing.` }),
        })
      : undefined;
  return {
    operationId: op.operationId,
    tags: [op.tag],
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    security: [{ apiKey: [] }],
    "x-required-scope": op.scope,
    requestParams: { ...(op.params ? { path: op.params } : {}), ...(op.query ? { query: op.query } : {}), ...(header ? { header } : {}) },
    ...(op.body ? { requestBody: { required: true, content: { "application/json": { schema: op.body } } } } : {}),
    ...(op.file ? { requestBody: { required: true, description: op.file.description, content: { [op.file.mediaType]: { schema: z.string() } } } } : {}),
    responses,
  };
}

let cached: ReturnType<typeof createDocument> | undefined;

export function openApiDocument() {
  if (cached) return cached;
  const paths: ZodOpenApiPathsObject = {};
  for (const op of OPERATIONS) {
    paths[op.path] ??= {};
    paths[op.path]![op.method] = operationObject(op);
  }
  cached = createDocument({
    openapi: "3.1.0",
    info: {
      title: "Gatehouse management API",
      version: API_V1_VERSION,
      description:
        "Manage one organization's staff users, retailers and contacts, import them from CSV files, and read its audit trail. " +
        "Authenticate with an API key from Settings → API keys: `Authorization: Bearer gh_live_…`. " +
        `Each key may make ${RATE_LIMITS.apiKeyRequests.points} requests per ${RATE_LIMITS.apiKeyRequests.duration} seconds. ` +
        "Errors are RFC 9457 problem details. Lists are paged with `limit` and `cursor` (`next_cursor`).",
    },
    servers: [{ url: "/api/v1" }],
    tags: [{ name: "Users" }, { name: "Retailers" }, { name: "Contacts" }, { name: "Imports" }, { name: "Audit events" }],
    paths,
    components: {
      securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: "An organization's API key (gh_live_…)." } },
    },
  });
  return cached;
}

type JsonSchema = { $ref?: string; [key: string]: unknown };
type DocOperation = {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  "x-required-scope": string;
  parameters?: { in: string; name: string; required?: boolean; description?: string; schema: JsonSchema }[];
  requestBody?: { description?: string; content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: JsonSchema }> }>;
};

/** The reference page's view of the document: operations grouped by tag, schemas by name. */
export function referenceOf() {
  const doc = openApiDocument() as unknown as {
    info: { title: string; version: string; description: string };
    paths: Record<string, Record<string, DocOperation>>;
    components: { schemas: Record<string, JsonSchema> };
  };
  const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path: `/api/v1${path}`, method: method.toUpperCase(), ...op })),
  );
  const tags = [...new Set(operations.map((o) => o.tags[0]!))];
  return {
    info: doc.info,
    groups: tags.map((tag) => ({ tag, operations: operations.filter((o) => o.tags[0] === tag) })),
    schemas: Object.entries(doc.components.schemas),
  };
}
