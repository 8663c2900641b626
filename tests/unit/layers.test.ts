import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildGraph, layerViolations, readProject, valueImports, type SourceFile } from "../helpers/import-graph";

const root = path.resolve(import.meta.dirname, "../..");

describe("layers", () => {
  it("no import points up a layer, and no client module reaches server-only code, db/ or a database driver", () => {
    const files = readProject(root);
    expect(files.length).toBeGreaterThan(100);
    expect(layerViolations(buildGraph(files))).toEqual([]);
  });

  // The same check on small made-up trees: each rule fails when it is broken.
  const tree = (extra: SourceFile[]): SourceFile[] => [
    { path: "lib/infra/env.ts", text: `import "server-only";\nexport const env = {};` },
    { path: "lib/staff/user-types.ts", text: `export const userTypes = ["admin"] as const;` },
    { path: "lib/web/pure.ts", text: `export const x = 1;` },
    { path: "db/schema.ts", text: `import { pgTable } from "drizzle-orm/pg-core";\nimport { userTypes } from "../lib/staff/user-types";` },
    { path: "app/page.tsx", text: `export default function Page() {}` },
    ...extra,
  ];
  const violations = (extra: SourceFile[]) => layerViolations(buildGraph(tree(extra)));

  it("passes the made-up tree as it is", () => {
    expect(violations([])).toEqual([]);
  });

  it("fails when a client component imports a server-only module, even through a plain module", () => {
    expect(violations([{ path: "components/a.tsx", text: `"use client";\nimport { env } from "@/lib/infra/env";` }])).toEqual([
      "client components/a.tsx → lib/infra/env.ts (server-only)",
    ]);
    expect(
      violations([
        { path: "components/b.tsx", text: `"use client";\nimport { y } from "./c";` },
        { path: "components/c.ts", text: `export { env as y } from "@/lib/infra/env";` },
      ]),
    ).toEqual(["client components/b.tsx → components/c.ts → lib/infra/env.ts (server-only)"]);
  });

  it("fails when a client component imports db/ or a database package, and allows type-only imports", () => {
    expect(violations([{ path: "components/a.tsx", text: `"use client";\nimport { userTypes } from "@/db/schema";` }])).toContain(
      "client components/a.tsx → db/schema.ts (db/)",
    );
    expect(violations([{ path: "components/a.tsx", text: `"use client";\nimport { eq } from "drizzle-orm";` }])).toEqual([
      "client components/a.tsx → drizzle-orm (a database package)",
    ]);
    expect(
      violations([
        { path: "components/a.tsx", text: `"use client";\nimport type { X } from "@/db/schema";\nimport { type Y } from "@/lib/infra/env";` },
      ]),
    ).toEqual([]);
  });

  it("fails when components/ or lib/ import app/, or db/ imports lib/ beyond the shared vocabulary", () => {
    expect(violations([{ path: "components/a.tsx", text: `import Page from "@/app/page";` }])).toEqual([
      "components/a.tsx imports app/page.tsx (app/ is routes only)",
    ]);
    expect(violations([{ path: "lib/web/b.ts", text: `export { default } from "../../app/page";` }])).toEqual([
      "lib/web/b.ts imports app/page.tsx (app/ is routes only)",
    ]);
    expect(violations([{ path: "db/seed.ts", text: `import { x } from "@/lib/web/pure";` }])).toEqual([
      "db/seed.ts imports lib/web/pure.ts (db/ never imports lib/)",
    ]);
  });

  it("fails when a lib/ module reaches the database or a secret without the server-only marker", () => {
    expect(violations([{ path: "lib/web/leak.ts", text: `import { env } from "@/lib/infra/env";` }])).toEqual([
      'lib/web/leak.ts reaches lib/infra/env.ts but has no import "server-only"',
    ]);
  });

  it("fails when a copy module imports a value", () => {
    expect(violations([{ path: "lib/copy/x.ts", text: `import { env } from "@/lib/infra/env";\nimport type { T } from "@/lib/web/pure";` }])).toContain(
      "lib/copy/x.ts must import nothing but copy: lib/infra/env.ts",
    );
  });

  it("follows a client module into server actions only as references", () => {
    expect(
      violations([
        { path: "app/actions.ts", text: `"use server";\nimport { env } from "@/lib/infra/env";` },
        { path: "app/form.tsx", text: `"use client";\nimport { act } from "./actions";` },
      ]),
    ).toEqual([]);
  });

  it("reads dynamic imports and re-exports, and ignores imports written in comments or strings", () => {
    const file = { path: "x.ts", text: `// import "a"\nconst s = 'import "b"';\nexport * from "c";\nawait import("d");` };
    expect(valueImports(file)).toEqual(["c", "d"]);
  });
});

describe("the server-only marker", () => {
  it("throws when a server module is loaded outside a server layer (the browser's resolution)", async () => {
    const { spawnSync } = await import("node:child_process");
    const load = (conditions: string[]) =>
      spawnSync("npx", ["tsx", ...conditions, "-e", `import("./lib/infra/env.ts").then(() => console.log("loaded"))`], {
        cwd: root,
        encoding: "utf8",
        timeout: 30_000,
      });
    const outside = load([]);
    expect(outside.status).not.toBe(0);
    expect(outside.stderr).toContain("cannot be imported from a Client Component module");
    const server = load(["--conditions=react-server"]);
    expect(server.stdout).toContain("loaded");
  }, 60_000);
});
