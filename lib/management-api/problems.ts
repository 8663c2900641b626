import "server-only";
import { API_V1_COPY, PROBLEM_TITLES } from "@/lib/copy/management-api";

/**
 * RFC 9457 problem details: every error of /api/v1 is `application/problem+json` with a
 * `type` URI that names the problem and never changes, its title, the status, a sentence for
 * this occurrence, and `errors` (one per field) when the input was at fault.
 */

export const PROBLEM_TYPE_BASE = "https://gatehouse.dev/problems/";

export type ProblemType = keyof typeof PROBLEM_TITLES;

export type FieldProblem = { pointer: string; detail: string };

export type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldProblem[];
};

/** What an operation answers: a JSON body with a status, or a problem. */
export type ApiResult =
  | { kind: "json"; status: number; body: unknown; headers?: Record<string, string> }
  | { kind: "empty"; status: 204 }
  | { kind: "problem"; problem: Problem; headers?: Record<string, string> };

export function problem(status: number, type: ProblemType, detail: string, extra: { errors?: FieldProblem[]; headers?: Record<string, string> } = {}): Extract<ApiResult, { kind: "problem" }> {
  return {
    kind: "problem",
    problem: { type: `${PROBLEM_TYPE_BASE}${type}`, title: PROBLEM_TITLES[type], status, detail, ...(extra.errors ? { errors: extra.errors } : {}) },
    headers: extra.headers,
  };
}

export function json(status: number, body: unknown, headers?: Record<string, string>): ApiResult {
  return { kind: "json", status, body, headers };
}

export const noContent: ApiResult = { kind: "empty", status: 204 };

/** Every answer of the API is personal data or about it: never cached, never sniffed. */
function baseHeaders(extra?: Record<string, string>): Headers {
  const headers = new Headers(extra);
  headers.set("Cache-Control", "no-store");
  headers.set("X-Content-Type-Options", "nosniff");
  return headers;
}

export function toResponse(result: ApiResult, extraHeaders?: Record<string, string>): Response {
  const headers = baseHeaders({ ...extraHeaders, ...(result.kind === "empty" ? {} : result.headers) });
  if (result.kind === "empty") return new Response(null, { status: 204, headers });
  if (result.kind === "problem") {
    headers.set("Content-Type", "application/problem+json");
    return new Response(JSON.stringify(result.problem), { status: result.problem.status, headers });
  }
  headers.set("Content-Type", "application/json");
  return new Response(JSON.stringify(result.body), { status: result.status, headers });
}

/** A list's `cursor` that is not one of ours. */
export const badCursorProblem = () => problem(400, "invalid-request", API_V1_COPY.badCursor, { errors: [{ pointer: "#query/cursor", detail: API_V1_COPY.badCursor }] });
