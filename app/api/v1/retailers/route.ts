import { operationHandler } from "@/lib/management-api/operation";
import { createRetailerOp, listRetailers } from "@/lib/management-api/operations";

export const dynamic = "force-dynamic";

/** /api/v1/retailers: see lib/management-api/operations and GET /api/v1/openapi.json. */
export const GET = operationHandler(listRetailers);
export const POST = operationHandler(createRetailerOp);
