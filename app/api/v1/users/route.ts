import { operationHandler } from "@/lib/management-api/operation";
import { createUser, listUsers } from "@/lib/management-api/operations";

export const dynamic = "force-dynamic";

/** /api/v1/users: see lib/management-api/operations and GET /api/v1/openapi.json. */
export const GET = operationHandler(listUsers);
export const POST = operationHandler(createUser);
