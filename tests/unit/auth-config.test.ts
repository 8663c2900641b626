import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

function configWith(env: Record<string, string>) {
  const code = `import { authConfig } from "./lib/sessions/auth.config.ts"; const c = authConfig(); console.log(JSON.stringify({ secure: c.useSecureCookies, maxAge: c.session?.maxAge, strategy: c.session?.strategy }));`;
  const r = spawnSync("npx", ["tsx", "--conditions=react-server", "-e", code], {
    env: { ...process.env, AUTH_SECRET: "x".repeat(40), TOKEN_HMAC_SECRET: "y".repeat(40), ...env } as NodeJS.ProcessEnv,
    encoding: "utf8",
    timeout: 30_000,
  });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout.trim().split("\n").at(-1)!);
}

describe("session cookie settings", { timeout: 60_000 }, () => {
  it("uses Secure cookies when the public URL is https", () => {
    expect(configWith({ NODE_ENV: "production", APP_URL: "https://gatehouse.example" }).secure).toBe(true);
    expect(configWith({ NODE_ENV: "production", APP_URL: "http://127.0.0.1:3000" }).secure).toBe(false);
  });

  it("keeps JWT sessions for SESSION_MAX_AGE_HOURS", () => {
    expect(configWith({ SESSION_MAX_AGE_HOURS: "2" })).toMatchObject({ maxAge: 7200, strategy: "jwt" });
  });
});
