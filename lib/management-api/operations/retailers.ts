import "server-only";
import { z } from "zod";
import { createRetailer, getRetailer, searchRetailers, updateRetailer, type RetailerResult, type RetailerSummary } from "@/lib/retailers/retailers";
import { defineOperation } from "@/lib/management-api/operation";
import { decodeCursor, pageOf } from "@/lib/management-api/pagination";
import { type ApiResult, badCursorProblem, json, problem } from "@/lib/management-api/problems";
import { idParams, listOf, retailerBody, retailerListQuery, retailerSchema, updateRetailerBody } from "@/lib/management-api/schemas";
import { API_V1_COPY } from "@/lib/copy/management-api";
import { RETAILER_FAILURES } from "@/lib/copy/provisioning";

function retailerOut(r: RetailerSummary & { contactCount?: number }) {
  return {
    id: r.id,
    name: r.name,
    code: r.code,
    ...(r.contactCount === undefined ? {} : { contact_count: r.contactCount }),
    created_at: r.createdAt.toISOString(),
  };
}

const notFound = () => problem(404, "not-found", API_V1_COPY.retailerNotFound);

function refusal(reason: Extract<RetailerResult, { ok: false }>["reason"]): ApiResult {
  if (reason === "not_found") return notFound();
  const detail = RETAILER_FAILURES.code_taken.message;
  return problem(409, "conflict", detail, { errors: [{ pointer: "#/code", detail }] });
}

const cursorKey = z.tuple([z.string(), z.uuid()]);

export const listRetailers = defineOperation({
  operationId: "listRetailers",
  method: "get",
  path: "/retailers",
  tag: "Retailers",
  summary: "List retailers",
  description: "By name, with how many contacts each has.",
  scope: "read",
  query: retailerListQuery,
  responses: { 200: { description: "A page of retailers.", schema: listOf(retailerSchema, "RetailerList") } },
  async run({ actor, query }) {
    const after = query.cursor ? decodeCursor(query.cursor, cursorKey) : undefined;
    if (after === null) return badCursorProblem();
    // The page size is capped at 100 by the lib; one more row than asked says whether there is a next page.
    const { rows } = await searchRetailers(actor.organizationId, query.q, { pageSize: query.limit + 1, after: after ? { name: after[0], id: after[1] } : undefined });
    return json(200, pageOf(rows, query.limit, retailerOut, (r) => [r.name, r.id]));
  },
});

export const createRetailerOp = defineOperation({
  operationId: "createRetailer",
  method: "post",
  path: "/retailers",
  tag: "Retailers",
  summary: "Create a retailer",
  scope: "write",
  body: retailerBody,
  responses: { 201: { description: "The retailer was created.", schema: retailerSchema } },
  problems: [409],
  async run({ actor, body, meta }) {
    const result = await createRetailer(actor, { name: body.name, code: body.code }, meta);
    if (!result.ok) return refusal(result.reason);
    return json(201, retailerOut((await getRetailer(actor.organizationId, result.retailerId))!), { Location: `/api/v1/retailers/${result.retailerId}` });
  },
});

export const getRetailerOp = defineOperation({
  operationId: "getRetailer",
  method: "get",
  path: "/retailers/{id}",
  tag: "Retailers",
  summary: "Get a retailer",
  scope: "read",
  params: idParams,
  responses: { 200: { description: "The retailer.", schema: retailerSchema } },
  async run({ actor, params }) {
    const retailer = await getRetailer(actor.organizationId, params.id);
    return retailer ? json(200, retailerOut(retailer)) : notFound();
  },
});

export const updateRetailerOp = defineOperation({
  operationId: "updateRetailer",
  method: "patch",
  path: "/retailers/{id}",
  tag: "Retailers",
  summary: "Update a retailer",
  description: "Rename it or change its account code.",
  scope: "write",
  params: idParams,
  body: updateRetailerBody,
  responses: { 200: { description: "The retailer as it now is.", schema: retailerSchema } },
  problems: [409],
  async run({ actor, params, body, meta }) {
    const current = await getRetailer(actor.organizationId, params.id);
    if (!current) return notFound();
    const result = await updateRetailer(actor, params.id, { name: body.name ?? current.name, code: body.code === undefined ? current.code : body.code }, meta);
    if (!result.ok) return refusal(result.reason);
    return json(200, retailerOut((await getRetailer(actor.organizationId, params.id))!));
  },
});
