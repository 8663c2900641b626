import { operationHandler } from "@/lib/management-api/operation";
import { listImportResultOp } from "@/lib/management-api/operations";

export const dynamic = "force-dynamic";

/** /api/v1/imports/[id]/result: see lib/management-api/operations and GET /api/v1/openapi.json. */
export const GET = operationHandler(listImportResultOp);
