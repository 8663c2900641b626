import { operationHandler } from "@/lib/management-api/operation";
import { createContact, listContacts } from "@/lib/management-api/operations";

export const dynamic = "force-dynamic";

/** /api/v1/contacts: see lib/management-api/operations and GET /api/v1/openapi.json. */
export const GET = operationHandler(listContacts);
export const POST = operationHandler(createContact);
