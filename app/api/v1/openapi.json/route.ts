import { openApiDocument } from "@/lib/management-api/document";

/** GET /api/v1/openapi.json — the contract, generated from the zod schemas; public, like any API reference. */
export function GET(): Response {
  return Response.json(openApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } });
}
