import { operationHandler } from "@/lib/management-api/operation";
import { setContactWebsiteAccessOp } from "@/lib/management-api/operations";

export const dynamic = "force-dynamic";

/** /api/v1/contacts/[id]/website-access: see lib/management-api/operations and GET /api/v1/openapi.json. */
export const PUT = operationHandler(setContactWebsiteAccessOp);
