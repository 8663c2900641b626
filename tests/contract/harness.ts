import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import createClient, { type Middleware } from "openapi-fetch";
import { openApiDocument } from "@/lib/management-api/document";
import { OPERATIONS } from "@/lib/management-api/operations";
import type { paths } from "./api-v1";

import * as users from "@/app/api/v1/users/route";
import * as user from "@/app/api/v1/users/[id]/route";
import * as userDisable from "@/app/api/v1/users/[id]/disable/route";
import * as userEnable from "@/app/api/v1/users/[id]/enable/route";
import * as userReset from "@/app/api/v1/users/[id]/password-reset/route";
import * as userSignOut from "@/app/api/v1/users/[id]/sign-out-everywhere/route";
import * as userSessions from "@/app/api/v1/users/[id]/sessions/route";
import * as userSession from "@/app/api/v1/users/[id]/sessions/[session_id]/route";
import * as retailers from "@/app/api/v1/retailers/route";
import * as retailer from "@/app/api/v1/retailers/[id]/route";
import * as contacts from "@/app/api/v1/contacts/route";
import * as contact from "@/app/api/v1/contacts/[id]/route";
import * as contactTemp from "@/app/api/v1/contacts/[id]/temporary-password/route";
import * as contactAccess from "@/app/api/v1/contacts/[id]/website-access/route";
import * as imports from "@/app/api/v1/imports/route";
import * as importJob from "@/app/api/v1/imports/[id]/route";
import * as importResult from "@/app/api/v1/imports/[id]/result/route";
import * as auditEvents from "@/app/api/v1/audit-events/route";

/**
 * The management API's contract tests drive the real route handlers in-process (as
 * tests/integration/app-api.test.ts does) through the typed client generated from the OpenAPI
 * document, and check every answer against that document.
 */

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** The route module serving each OpenAPI path (app/api/v1/…/route.ts). */
export const ROUTES: Record<string, Record<string, unknown>> = {
  "/users": users,
  "/users/{id}": user,
  "/users/{id}/disable": userDisable,
  "/users/{id}/enable": userEnable,
  "/users/{id}/password-reset": userReset,
  "/users/{id}/sign-out-everywhere": userSignOut,
  "/users/{id}/sessions": userSessions,
  "/users/{id}/sessions/{session_id}": userSession,
  "/retailers": retailers,
  "/retailers/{id}": retailer,
  "/contacts": contacts,
  "/contacts/{id}": contact,
  "/contacts/{id}/temporary-password": contactTemp,
  "/contacts/{id}/website-access": contactAccess,
  "/imports": imports,
  "/imports/{id}": importJob,
  "/imports/{id}/result": importResult,
  "/audit-events": auditEvents,
};

const templates = Object.keys(ROUTES).map((template) => {
  const names: string[] = [];
  const pattern = new RegExp(`^/api/v1${template.replace(/\{(\w+)\}/g, (_, name: string) => (names.push(name), "([^/]+)"))}$`);
  return { template, pattern, names };
});

/** Which OpenAPI path a URL path is, and its parameters. */
export function matchPath(pathname: string): { template: string; params: Record<string, string> } | null {
  for (const t of templates) {
    const m = t.pattern.exec(pathname);
    if (m) return { template: t.template, params: Object.fromEntries(t.names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)])) };
  }
  return null;
}

let ipCounter = 0;

/** fetch for the client: each request goes to its route module's handler, from a client address of its own unless one is given. */
export async function inProcessFetch(input: Request): Promise<Response> {
  const url = new URL(input.url);
  const match = matchPath(url.pathname);
  if (!match) return new Response("no route", { status: 404 });
  const handler = ROUTES[match.template]![input.method] as Handler | undefined;
  if (!handler) return new Response(null, { status: 405 });
  const headers = new Headers(input.headers);
  if (!headers.has("x-gatehouse-peer")) headers.set("x-gatehouse-peer", `198.19.${Math.floor(++ipCounter / 250) % 250}.${(ipCounter % 250) + 1}`);
  const body = input.method === "GET" || input.method === "HEAD" ? undefined : await input.arrayBuffer();
  const request = new Request(input.url, { method: input.method, headers, body: body && body.byteLength ? body : undefined });
  return handler(request, { params: Promise.resolve(match.params) });
}

// ---- The document as a validator ----

const document = JSON.parse(JSON.stringify(openApiDocument())) as {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>>;
};
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(document, "api-v1");

const escape = (s: string) => s.replace(/~/g, "~0").replace(/\//g, "~1");

/** What checkResponse found wrong with an answer ([] when it matches the document). */
export async function contractErrors(method: string, pathname: string, response: Response): Promise<string[]> {
  const match = matchPath(pathname);
  if (!match) return [`${pathname} is not a path of the document`];
  const op = document.paths[match.template]?.[method.toLowerCase()];
  if (!op) return [`${method} ${match.template} is not an operation of the document`];
  const status = String(response.status);
  const declared = op.responses[status];
  if (!declared) return [`${method} ${match.template} answered ${status}, which the document does not list`];
  const text = await response.clone().text();
  if (!declared.content) return text === "" ? [] : [`${status} should have no body`];
  const mediaType = (response.headers.get("content-type") ?? "").split(";")[0]!.trim();
  const media = declared.content[mediaType];
  if (!media) return [`${status} answered ${mediaType}, the document says ${Object.keys(declared.content).join(", ")}`];
  const pointer = `api-v1#/paths/${escape(match.template)}/${method.toLowerCase()}/responses/${status}/content/${escape(mediaType)}/schema`;
  const validate = ajv.getSchema(pointer) ?? ajv.compile({ $ref: pointer });
  return validate(JSON.parse(text)) ? [] : (validate.errors ?? []).map((e) => `${status} body${e.instancePath} ${e.message}`);
}

/** Every answer any test sees, checked: a mismatch fails that call. */
export const contractCheck: Middleware = {
  async onResponse({ request, response }) {
    const errors = await contractErrors(request.method, new URL(request.url).pathname, response);
    if (errors.length) throw new Error(`${request.method} ${new URL(request.url).pathname} breaks the contract:\n${errors.join("\n")}`);
    return response;
  },
};

/** Counts the operations every test file's calls reached, so a suite can insist each was exercised. */
export const seen = new Set<string>();
const recordSeen: Middleware = {
  onResponse({ request }) {
    const match = matchPath(new URL(request.url).pathname);
    if (match) seen.add(`${request.method.toLowerCase()} ${match.template}`);
    return undefined;
  },
};

/** The typed client for one API key, validating each answer against the document. */
export function clientFor(secret: string | null, headers: Record<string, string> = {}) {
  const client = createClient<paths>({
    baseUrl: "http://localhost/api/v1",
    fetch: inProcessFetch,
    headers: { ...(secret ? { Authorization: `Bearer ${secret}` } : {}), ...headers },
  });
  client.use(contractCheck, recordSeen);
  return client;
}

export type ApiClient = ReturnType<typeof clientFor>;

export const allOperations = () => OPERATIONS.map((op) => `${op.method} ${op.path}`);
