import { operationHandler } from "@/lib/management-api/operation";
import { listImportsOp, startImportOp } from "@/lib/management-api/operations";

export const dynamic = "force-dynamic";

/** /api/v1/imports: see lib/management-api/operations and GET /api/v1/openapi.json. */
export const GET = operationHandler(listImportsOp);
export const POST = operationHandler(startImportOp);
