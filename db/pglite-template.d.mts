import type { PGlite } from "@electric-sql/pglite";

export function pgliteTemplatePath(): string;
export function readPgliteTemplate(): Blob | null;
export function savePgliteTemplate(client: PGlite): Promise<void>;
export function ensurePgliteTemplate(): Promise<string>;
