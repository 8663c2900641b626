import "server-only";
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  hkdfSync,
  randomBytes,
  randomUUID,
  timingSafeEqual,
} from "node:crypto";
import type { JWT, JWTDecodeParams, JWTEncodeParams } from "next-auth/jwt";

/*
 * The session cookie's format, as Auth.js writes it: a compact JWE with `alg: "dir"` and
 * `enc: "A256CBC-HS512"` (RFC 7516, RFC 7518 §5.2), its 64-byte key derived from AUTH_SECRET
 * with HKDF-SHA256 and the cookie's name as salt, `kid` the key's JWK thumbprint. Tokens made
 * here and by Auth.js's own `encode` open each other's (tests/unit/session-token.test.ts).
 *
 * Why not Auth.js's own functions: they derive the key again for every cookie and run each
 * step (HKDF, thumbprint, AES, HMAC) as a WebCrypto job on libuv's threadpool, the threads
 * argon2 works on. Every console request decodes the cookie (and the proxy re-encodes it), and
 * every sign-in encodes one: here the key is derived once and the rest is synchronous
 * node:crypto, a few microseconds. docs/performance.md has the measurements.
 */

const ENC = "A256CBC-HS512";
/** Auth.js's leeway for `exp` and `iat`, kept so both read a token alike. */
const CLOCK_TOLERANCE_SECONDS = 15;
/** Auth.js's default when no maxAge is passed. */
const DEFAULT_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

type Key = { macKey: Buffer; encKey: Buffer; kid: string };
const keys = new Map<string, Key>();

function derivedKey(secret: string, salt: string): Key {
  const cacheKey = `${salt}\u0000${secret}`;
  let key = keys.get(cacheKey);
  if (!key) {
    const material = Buffer.from(hkdfSync("sha256", secret, salt, `Auth.js Generated Encryption Key (${salt})`, 64));
    // RFC 7638 thumbprint of {"k","kty"} with SHA-512, as Auth.js names its key.
    const jwk = `{"k":"${material.toString("base64url")}","kty":"oct"}`;
    key = {
      macKey: material.subarray(0, 32),
      encKey: material.subarray(32),
      kid: createHash("sha512").update(jwk).digest("base64url"),
    };
    keys.set(cacheKey, key);
  }
  return key;
}

function authTag(key: Key, aad: string, iv: Buffer, ciphertext: Buffer): Buffer {
  const aadBytes = Buffer.from(aad, "ascii");
  const bits = Buffer.alloc(8);
  bits.writeBigUInt64BE(BigInt(aadBytes.length * 8));
  return createHmac("sha512", key.macKey).update(aadBytes).update(iv).update(ciphertext).update(bits).digest().subarray(0, 32);
}

const secretsOf = (secret: string | string[]): string[] => (Array.isArray(secret) ? secret : [secret]);

/** Auth.js's `jwt.encode`: the claims plus iat, exp and a fresh jti, encrypted with the first secret. */
export async function encodeSessionToken(params: JWTEncodeParams): Promise<string> {
  const { token = {}, secret, salt, maxAge = DEFAULT_MAX_AGE_SECONDS } = params;
  const key = derivedKey(secretsOf(secret)[0]!, salt);
  const now = Math.floor(Date.now() / 1000);
  const header = Buffer.from(JSON.stringify({ alg: "dir", enc: ENC, kid: key.kid })).toString("base64url");
  const payload = { ...token, iat: now, exp: now + maxAge, jti: randomUUID() };
  const iv = randomBytes(16);
  const cipher = createCipheriv("aes-256-cbc", key.encKey, iv);
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(payload), "utf8"), cipher.final()]);
  const tag = authTag(key, header, iv, ciphertext);
  return `${header}..${iv.toString("base64url")}.${ciphertext.toString("base64url")}.${tag.toString("base64url")}`;
}

/** Auth.js's `jwt.decode`: the claims, or null for anything not made by us, tampered with, or expired. */
export async function decodeSessionToken(params: JWTDecodeParams): Promise<JWT | null> {
  const { token, secret, salt } = params;
  if (!token) return null;
  const parts = token.split(".");
  if (parts.length !== 5 || parts[1] !== "") return null;
  const [headerPart, , ivPart, ciphertextPart, tagPart] = parts as [string, string, string, string, string];
  let header: { alg?: unknown; enc?: unknown; kid?: unknown; zip?: unknown; crit?: unknown };
  try {
    header = JSON.parse(Buffer.from(headerPart, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  if (typeof header !== "object" || header === null) return null;
  if (header.alg !== "dir" || header.enc !== ENC || header.zip !== undefined || header.crit !== undefined) return null;
  const iv = Buffer.from(ivPart, "base64url");
  const ciphertext = Buffer.from(ciphertextPart, "base64url");
  const tag = Buffer.from(tagPart, "base64url");
  if (iv.length !== 16 || tag.length !== 32 || ciphertext.length === 0 || ciphertext.length % 16 !== 0) return null;

  for (const candidate of secretsOf(secret)) {
    const key = derivedKey(candidate, salt);
    if (header.kid !== undefined && header.kid !== key.kid) continue;
    if (!timingSafeEqual(authTag(key, headerPart, iv, ciphertext), tag)) continue;
    let claims: unknown;
    try {
      const decipher = createDecipheriv("aes-256-cbc", key.encKey, iv);
      claims = JSON.parse(Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8"));
    } catch {
      return null;
    }
    return validClaims(claims);
  }
  return null;
}

function validClaims(claims: unknown): JWT | null {
  if (typeof claims !== "object" || claims === null || Array.isArray(claims)) return null;
  const { exp, iat, nbf } = claims as { exp?: unknown; iat?: unknown; nbf?: unknown };
  const now = Math.floor(Date.now() / 1000);
  if (exp !== undefined && (typeof exp !== "number" || exp <= now - CLOCK_TOLERANCE_SECONDS)) return null;
  if (nbf !== undefined && (typeof nbf !== "number" || nbf > now + CLOCK_TOLERANCE_SECONDS)) return null;
  if (iat !== undefined && typeof iat !== "number") return null;
  return claims as JWT;
}
