import { describe, expect, it } from "vitest";
import { ARGON2_OPTIONS, burnVerify, hashSecret, needsRehash, observeArgon2, verifySecret, type Argon2Operation } from "@/lib/credentials/hashing";

describe("password hashing", () => {
  it("uses argon2id with the documented defaults", async () => {
    expect(ARGON2_OPTIONS).toMatchObject({ memoryCost: 19456, timeCost: 2, parallelism: 1 });
    const hash = await hashSecret("Correct-Horse-1");
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifySecret(hash, "Correct-Horse-1")).toBe(true);
    expect(await verifySecret(hash, "correct-horse-1")).toBe(false);
    expect(needsRehash(hash)).toBe(false);
  });

  it("asks for a rehash when parameters differ or the hash is not argon2id", () => {
    expect(needsRehash("$argon2id$v=19$m=4096,t=3,p=1$c2FsdHNhbHQ$aGFzaA")).toBe(true);
    expect(needsRehash("$2b$10$abcdefghijklmnopqrstuv")).toBe(true);
  });

  it("treats a malformed stored hash as a failed match", async () => {
    expect(await verifySecret("not-a-hash", "x")).toBe(false);
  });

  it("spends exactly one argon2 verify per call for unknown users, and always fails", async () => {
    // The type says false already; what can break is the work, so count the operations.
    for (const secret of ["anything", "gatehouse-dummy-password"]) {
      const seen: Argon2Operation[] = [];
      const stop = observeArgon2((operation) => seen.push(operation));
      try {
        expect(await burnVerify(secret)).toBe(false);
      } finally {
        stop();
      }
      expect(seen).toEqual(["verify"]);
    }
  });
});
