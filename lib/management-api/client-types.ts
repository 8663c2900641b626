import "server-only";
import openapiTS, { astToString } from "openapi-typescript";
import { openApiDocument } from "@/lib/management-api/document";

/** Where the typed client's types are committed: `npm run api:types` writes them, a test fails when they drift. */
export const CLIENT_TYPES_PATH = "tests/contract/api-v1.d.ts";

/** The TypeScript types openapi-typescript generates from the current document. */
export async function generateClientTypes(): Promise<string> {
  // A field with a default may be left out of a request: it is optional for clients.
  const ast = await openapiTS(JSON.parse(JSON.stringify(openApiDocument())), { defaultNonNullable: false });
  return `/* Generated from /api/v1/openapi.json by \`npm run api:types\` (openapi-typescript). Do not edit. */\n\n${astToString(ast)}`;
}
