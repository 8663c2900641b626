import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

/** Runs a snippet against lib/infra/env.ts in a fresh process with the given environment. */
function runWithEnv(code: string, env: Record<string, string | undefined>) {
  const clean = Object.fromEntries(Object.entries({ ...process.env, ...env }).filter(([, v]) => v !== undefined)) as NodeJS.ProcessEnv;
  return spawnSync("npx", ["tsx", "--conditions=react-server", "-e", code], { env: clean, encoding: "utf8", timeout: 30_000 });
}

describe("lib/infra/env", { timeout: 60_000 }, () => {
  it("refuses to start in production without the secrets, with a clear message", () => {
    const r = runWithEnv(`import { getSecrets } from "./lib/infra/env.ts"; getSecrets();`, {
      NODE_ENV: "production",
      AUTH_SECRET: undefined,
      TOKEN_HMAC_SECRET: undefined,
    });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("AUTH_SECRET and TOKEN_HMAC_SECRET must be set in production");
  });

  it("names the variable when a setting is malformed", () => {
    const r = runWithEnv(`import "./lib/infra/env.ts";`, { RESET_TTL_MINUTES: "soon" });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("RESET_TTL_MINUTES");
  });
});
