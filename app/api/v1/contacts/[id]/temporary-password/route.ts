import { operationHandler } from "@/lib/management-api/operation";
import { sendContactTemporaryPassword } from "@/lib/management-api/operations";

export const dynamic = "force-dynamic";

/** /api/v1/contacts/[id]/temporary-password: see lib/management-api/operations and GET /api/v1/openapi.json. */
export const POST = operationHandler(sendContactTemporaryPassword);
