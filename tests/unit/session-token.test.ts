import { decode as authJsDecode, encode as authJsEncode } from "next-auth/jwt";
import { describe, expect, it, vi } from "vitest";
import { decodeSessionToken, encodeSessionToken } from "@/lib/sessions/jwt-codec";

const secret = "test-secret-0123456789abcdefghijklmnopqrstuv";
const salt = "authjs.session-token";
const claims = { uid: "u-1", typ: "admin", org: "o-1", orgSlug: "demo", sv: 3, name: "Ada" };

/** Changes one character of part `index` of a compact JWE (to another valid base64url one). */
function tamper(token: string, index: number): string {
  const parts = token.split(".");
  const part = parts[index]!;
  const at = Math.floor(part.length / 2);
  parts[index] = part.slice(0, at) + (part[at] === "A" ? "B" : "A") + part.slice(at + 1);
  return parts.join(".");
}

describe("session token (Auth.js's cookie format)", () => {
  it("reads back what it wrote, with iat, exp and a jti added", async () => {
    const token = await encodeSessionToken({ token: claims, secret, salt, maxAge: 3600 });
    const decoded = await decodeSessionToken({ token, secret, salt });
    expect(decoded).toMatchObject(claims);
    expect(decoded!.exp! - decoded!.iat!).toBe(3600);
    expect(decoded!.jti).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("writes tokens Auth.js's own decode opens, and opens Auth.js's", async () => {
    const ours = await encodeSessionToken({ token: claims, secret, salt, maxAge: 3600 });
    expect(await authJsDecode({ token: ours, secret, salt })).toMatchObject(claims);
    const theirs = await authJsEncode({ token: claims, secret, salt, maxAge: 3600 });
    expect(await decodeSessionToken({ token: theirs, secret, salt })).toMatchObject(claims);
    // Same key, same key id: the protected headers match.
    expect(ours.split(".")[0]).toBe(theirs.split(".")[0]);
  });

  it("gives a fresh IV and jti to every token", async () => {
    const a = await encodeSessionToken({ token: claims, secret, salt });
    const b = await encodeSessionToken({ token: claims, secret, salt });
    expect(a.split(".")[2]).not.toBe(b.split(".")[2]);
    expect((await decodeSessionToken({ token: a, secret, salt }))!.jti).not.toBe(
      (await decodeSessionToken({ token: b, secret, salt }))!.jti,
    );
  });

  it("refuses a token with any part changed", async () => {
    const token = await encodeSessionToken({ token: claims, secret, salt });
    for (const index of [0, 2, 3, 4]) {
      expect(await decodeSessionToken({ token: tamper(token, index), secret, salt }), `part ${index}`).toBeNull();
    }
  });

  it("refuses another secret or another cookie's salt, and accepts a rotated-out secret listed second", async () => {
    const token = await encodeSessionToken({ token: claims, secret, salt });
    expect(await decodeSessionToken({ token, secret: "another-secret-0123456789abcdefghijklmno", salt })).toBeNull();
    expect(await decodeSessionToken({ token, secret, salt: "__Secure-authjs.session-token" })).toBeNull();
    expect(await decodeSessionToken({ token, secret: ["new-secret-0123456789abcdefghijklmnopqr", secret], salt })).toMatchObject(
      claims,
    );
  });

  it("refuses an expired token (beyond Auth.js's 15 s of leeway)", async () => {
    vi.useFakeTimers();
    try {
      vi.setSystemTime(new Date("2026-01-01T00:00:00Z"));
      const token = await encodeSessionToken({ token: claims, secret, salt, maxAge: 60 });
      vi.setSystemTime(new Date("2026-01-01T00:01:10Z"));
      expect(await decodeSessionToken({ token, secret, salt })).toMatchObject(claims);
      vi.setSystemTime(new Date("2026-01-01T00:01:16Z"));
      expect(await decodeSessionToken({ token, secret, salt })).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it("answers null, never throws, for garbage and for other JWE shapes", async () => {
    const token = await encodeSessionToken({ token: claims, secret, salt });
    const [header, , iv, ciphertext, tag] = token.split(".");
    const otherHeader = (h: object) => Buffer.from(JSON.stringify(h)).toString("base64url");
    const inputs = [
      "",
      "not-a-token",
      "a.b.c.d.e",
      `${header}.x.${iv}.${ciphertext}.${tag}`,
      `${header}..${iv}.${ciphertext}`,
      `${otherHeader({ alg: "dir", enc: "A256GCM" })}..${iv}.${ciphertext}.${tag}`,
      `${otherHeader({ alg: "dir", enc: "A256CBC-HS512", zip: "DEF" })}..${iv}.${ciphertext}.${tag}`,
      `${otherHeader({ alg: "none" })}..${iv}.${ciphertext}.${tag}`,
      `${Buffer.from("[1]").toString("base64url")}..${iv}.${ciphertext}.${tag}`,
      `${header}..${iv}.${ciphertext}.${tag}x`,
    ];
    for (const input of inputs) expect(await decodeSessionToken({ token: input, secret, salt }), input).toBeNull();
    expect(await decodeSessionToken({ token: undefined, secret, salt })).toBeNull();
  });
});
