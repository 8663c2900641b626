import "server-only";
import { z } from "zod";
import { listAuditEvents, type AuditEventRow } from "@/lib/audit/events";
import { defineOperation } from "@/lib/management-api/operation";
import { decodeCursor, pageOf } from "@/lib/management-api/pagination";
import { badCursorProblem, json } from "@/lib/management-api/problems";
import { auditEventListQuery, auditEventSchema, listOf } from "@/lib/management-api/schemas";

function eventOut(e: AuditEventRow) {
  return {
    id: e.id,
    action: e.action,
    created_at: e.createdAt.toISOString(),
    actor: { type: e.actorType, id: e.actorId },
    target: e.targetType ? { type: e.targetType, id: e.targetId } : null,
    ip: e.ip,
    details: e.details,
  };
}

const cursorKey = z.tuple([z.number().int().positive()]);

export const listAuditEventsOp = defineOperation({
  operationId: "listAuditEvents",
  method: "get",
  path: "/audit-events",
  tag: "Audit events",
  summary: "List audit events",
  description: "The organization's audit trail, newest first, by time range, action and target. Never a password, code or token.",
  scope: "read",
  query: auditEventListQuery,
  responses: { 200: { description: "A page of events.", schema: listOf(auditEventSchema, "AuditEventList") } },
  async run({ actor, query }) {
    const after = query.cursor ? decodeCursor(query.cursor, cursorKey) : undefined;
    if (after === null) return badCursorProblem();
    const rows = await listAuditEvents(actor.organizationId, {
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
      action: query.action,
      targetType: query.target_type,
      targetId: query.target_id,
      beforeId: after ? after[0] : undefined,
      limit: query.limit,
    });
    return json(200, pageOf(rows, query.limit, eventOut, (e) => [e.id]));
  },
});
