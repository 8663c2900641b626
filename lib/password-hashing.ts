import { hash, verify, type Options } from "@node-rs/argon2";
import { env } from "./env";

/** argon2id parameters (Algorithm.Argon2id = 2), from env so they can be raised without a release. */
export const ARGON2_OPTIONS: Options = {
  algorithm: 2,
  memoryCost: env.ARGON2_MEMORY_KIB,
  timeCost: env.ARGON2_TIME_COST,
  parallelism: env.ARGON2_PARALLELISM,
};

export function hashSecret(secret: string): Promise<string> {
  return hash(secret, ARGON2_OPTIONS);
}

export async function verifySecret(storedHash: string, secret: string): Promise<boolean> {
  try {
    return await verify(storedHash, secret);
  } catch {
    // A malformed stored hash is a failed match, not a server error.
    return false;
  }
}

/** True when a hash was made with other parameters than today's: rehash it at the next sign-in. */
export function needsRehash(storedHash: string): boolean {
  const params = /\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(storedHash);
  if (!params) return true;
  const [, m, t, p] = params.map(Number);
  return (
    m !== ARGON2_OPTIONS.memoryCost || t !== ARGON2_OPTIONS.timeCost || p !== ARGON2_OPTIONS.parallelism
  );
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends one real verify when there is no account or no password, so a response's timing
 * does not tell whether a username exists.
 */
export async function burnVerify(secret: string): Promise<false> {
  dummyHash ??= hash("gatehouse-dummy-password", ARGON2_OPTIONS);
  await verifySecret(await dummyHash, secret);
  return false;
}
