import { operationHandler } from "@/lib/management-api/operation";
import { signOutUserEverywhere } from "@/lib/management-api/operations";

export const dynamic = "force-dynamic";

/** /api/v1/users/[id]/sign-out-everywhere: see lib/management-api/operations and GET /api/v1/openapi.json. */
export const POST = operationHandler(signOutUserEverywhere);
