import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

/**
 * The project's import graph as the bundler sees it: value imports only (`import type` and
 * all-type named imports are erased before bundling), re-exports and `import()` included.
 * Read with the TypeScript compiler's parser, so comments and strings never look like imports.
 */

export type SourceFile = { path: string; text: string };
export type Module = { path: string; useClient: boolean; useServer: boolean; serverOnly: boolean; imports: string[] };

const EXTENSIONS = ["", ".ts", ".tsx", "/index.ts", "/index.tsx"];

/** Value imports of one file, as written. */
export function valueImports(file: SourceFile): string[] {
  const source = ts.createSourceFile(file.path, file.text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TSX);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const erased =
        clause?.isTypeOnly ||
        (clause &&
          !clause.name &&
          clause.namedBindings &&
          ts.isNamedImports(clause.namedBindings) &&
          clause.namedBindings.elements.length > 0 &&
          clause.namedBindings.elements.every((e) => e.isTypeOnly));
      if (!erased) found.push(node.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      if (!node.isTypeOnly) found.push(node.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      found.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function hasDirective(text: string, directive: string): boolean {
  const source = ts.createSourceFile("x.tsx", text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TSX);
  const first = source.statements[0];
  return !!first && ts.isExpressionStatement(first) && ts.isStringLiteral(first.expression) && first.expression.text === directive;
}

/** Project-relative path of a project import, or the bare specifier of a package's. */
function resolve(from: string, specifier: string, exists: (p: string) => boolean): string {
  let base: string | null = null;
  if (specifier.startsWith("@/")) base = specifier.slice(2);
  else if (specifier.startsWith(".")) base = path.posix.join(path.posix.dirname(from), specifier);
  if (base === null) return specifier;
  return EXTENSIONS.map((ext) => base + ext).find(exists) ?? base;
}

export function buildGraph(files: SourceFile[]): Map<string, Module> {
  const paths = new Set(files.map((f) => f.path));
  const graph = new Map<string, Module>();
  for (const file of files) {
    const imports = valueImports(file).map((s) => resolve(file.path, s, (p) => paths.has(p)));
    graph.set(file.path, {
      path: file.path,
      useClient: hasDirective(file.text, "use client"),
      useServer: hasDirective(file.text, "use server"),
      serverOnly: imports.includes("server-only"),
      imports,
    });
  }
  return graph;
}

const layer = (p: string) => p.split("/")[0] ?? "";
/** Packages that talk to a database; none of them may reach a browser. */
const DATABASE_PACKAGES = /^(drizzle-orm|postgres|@electric-sql\/pglite)(\/|$)/;
/** The database and the secrets: whoever imports one of these is server code. */
const SERVER_RESOURCES = ["lib/infra/database.ts", "lib/infra/env.ts", "db/client.ts"];
/** Imports nothing, so db/schema.ts and client components may both use it. */
export const SHARED_VOCABULARY = "lib/staff/user-types.ts";

/** Every import that points up a layer, or carries server code into a client bundle. */
export function layerViolations(graph: Map<string, Module>): string[] {
  const problems: string[] = [];
  for (const mod of graph.values()) {
    for (const target of mod.imports) {
      const from = layer(mod.path);
      const to = layer(target);
      if ((from === "components" || from === "lib") && to === "app") problems.push(`${mod.path} imports ${target} (app/ is routes only)`);
      if (from === "db" && to === "lib" && target !== SHARED_VOCABULARY) problems.push(`${mod.path} imports ${target} (db/ never imports lib/)`);
    }
  }
  for (const mod of graph.values()) {
    if (layer(mod.path) !== "lib" || mod.serverOnly) continue;
    const reaches = mod.imports.find((t) => SERVER_RESOURCES.includes(t) || DATABASE_PACKAGES.test(t));
    if (reaches) problems.push(`${mod.path} reaches ${reaches} but has no import "server-only"`);
  }
  // Copy is read by pages, actions, the API and client components alike, so it pulls in nothing.
  for (const mod of graph.values()) {
    const beyondCopy = mod.imports.filter((p) => !p.startsWith("lib/copy/"));
    if (mod.path.startsWith("lib/copy/") && beyondCopy.length) problems.push(`${mod.path} must import nothing but copy: ${beyondCopy.join(", ")}`);
  }
  const vocabulary = graph.get(SHARED_VOCABULARY);
  if (vocabulary && vocabulary.imports.length) problems.push(`${SHARED_VOCABULARY} must import nothing: ${vocabulary.imports.join(", ")}`);

  // Everything a "use client" module pulls into the browser, followed through the graph.
  for (const entry of graph.values()) {
    if (!entry.useClient) continue;
    const seen = new Set<string>();
    const walk = (p: string, trail: string[]) => {
      if (seen.has(p)) return;
      seen.add(p);
      const mod = graph.get(p);
      const route = [...trail, p].join(" → ");
      // A "use server" module reaches the browser as references to its actions, not as code.
      if (mod?.useServer) return;
      if (!mod) {
        if (DATABASE_PACKAGES.test(p)) problems.push(`client ${route} (a database package)`);
        return;
      }
      if (mod.serverOnly) return void problems.push(`client ${route} (server-only)`);
      if (layer(p) === "db") return void problems.push(`client ${route} (db/)`);
      for (const next of mod.imports) walk(next, [...trail, p]);
    };
    walk(entry.path, []);
  }
  return [...new Set(problems)];
}

/** The project's own source: app/, components/, lib/, db/, emails/ and the root modules Next.js loads. */
export function readProject(root: string): SourceFile[] {
  const out: SourceFile[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = path.posix.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "migrations") walk(rel);
      } else if (/\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith(".d.ts")) {
        out.push({ path: rel, text: readFileSync(path.join(root, rel), "utf8") });
      }
    }
  };
  for (const dir of ["app", "components", "lib", "db", "emails"]) if (existsSync(path.join(root, dir))) walk(dir);
  for (const file of ["proxy.ts", "instrumentation.ts"]) {
    if (existsSync(path.join(root, file))) out.push({ path: file, text: readFileSync(path.join(root, file), "utf8") });
  }
  return out;
}
