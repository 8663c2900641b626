import { operationHandler } from "@/lib/management-api/operation";
import { getContact, removeContactOp, updateContact } from "@/lib/management-api/operations";

export const dynamic = "force-dynamic";

/** /api/v1/contacts/[id]: see lib/management-api/operations and GET /api/v1/openapi.json. */
export const GET = operationHandler(getContact);
export const PATCH = operationHandler(updateContact);
export const DELETE = operationHandler(removeContactOp);
