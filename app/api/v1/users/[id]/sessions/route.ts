import { operationHandler } from "@/lib/management-api/operation";
import { listUserSessions } from "@/lib/management-api/operations";

export const dynamic = "force-dynamic";

/** /api/v1/users/[id]/sessions: see lib/management-api/operations and GET /api/v1/openapi.json. */
export const GET = operationHandler(listUserSessions);
