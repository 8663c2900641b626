import { operationHandler } from "@/lib/management-api/operation";
import { getRetailerOp, updateRetailerOp } from "@/lib/management-api/operations";

export const dynamic = "force-dynamic";

/** /api/v1/retailers/[id]: see lib/management-api/operations and GET /api/v1/openapi.json. */
export const GET = operationHandler(getRetailerOp);
export const PATCH = operationHandler(updateRetailerOp);
