import { writeFileSync } from "node:fs";
import { CLIENT_TYPES_PATH, generateClientTypes } from "@/lib/management-api/client-types";

// Regenerates the typed client's types after a contract change (tests/contract fails until then).
writeFileSync(CLIENT_TYPES_PATH, await generateClientTypes());
console.log(`wrote ${CLIENT_TYPES_PATH}`);
process.exit(0);
