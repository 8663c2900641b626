import { afterAll, describe, expect, it, vi } from "vitest";

// Two slots, and an argon2 whose operations finish only when the test says so.
const argon2 = vi.hoisted(() => {
  process.env.ARGON2_CONCURRENCY = "2";
  const state = { running: 0, peak: 0, started: [] as string[], finish: [] as ((ok: boolean) => void)[] };
  const operation = (name: string) =>
    new Promise<boolean>((resolve, reject) => {
      state.running++;
      state.peak = Math.max(state.peak, state.running);
      state.started.push(name);
      state.finish.push((ok) => {
        state.running--;
        if (ok) resolve(true);
        else reject(new Error("malformed hash"));
      });
    });
  return { state, operation };
});
vi.mock("@node-rs/argon2", () => ({
  verify: (stored: string) => argon2.operation(stored),
  hash: (secret: string) => argon2.operation(`hash:${secret}`).then(() => `$argon2id$${secret}`),
}));

const { ARGON2_CONCURRENCY, hashSecret, verifySecret } = await import("@/lib/credentials/hashing");
afterAll(() => {
  delete process.env.ARGON2_CONCURRENCY;
});

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("argon2 slots", () => {
  it("runs at most ARGON2_CONCURRENCY operations at once, first come first served, and frees a slot on failure", async () => {
    expect(ARGON2_CONCURRENCY).toBe(2);
    const results = [verifySecret("a", "x"), verifySecret("b", "x"), hashSecret("c"), verifySecret("d", "x")];
    await tick();
    expect(argon2.state.started).toEqual(["a", "b"]);
    argon2.state.finish.shift()!(false); // "a" fails: still a failed match, and its slot goes on
    await tick();
    expect(argon2.state.started).toEqual(["a", "b", "hash:c"]);
    while (argon2.state.finish.length) {
      argon2.state.finish.shift()!(true);
      await tick();
    }
    expect(await Promise.all(results)).toEqual([false, true, "$argon2id$c", true]);
    expect(argon2.state.started).toEqual(["a", "b", "hash:c", "d"]);
    expect(argon2.state.peak).toBe(2);
    expect(argon2.state.running).toBe(0);
  });
});
