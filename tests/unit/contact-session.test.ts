import { describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.AUTH_SECRET = "unit-test-auth-secret-0123456789abcdef";
  process.env.TOKEN_HMAC_SECRET = "unit-test-hmac-secret-0123456789abcdef";
});

import { CONTACT_SESSION, openContactSession, sealContactSession } from "@/lib/sessions/storefront-cookie";

const session = {
  contactId: "0b9c7f7e-5d2a-4c1b-9a53-2f6a1d3e4b5c",
  organizationId: "7d4e2c1a-3b5f-4a6e-8c9d-0e1f2a3b4c5d",
  sessionId: "5a1e9c3d-7b2f-4e8a-9c6d-1f0e2d3c4b5a",
};

describe("storefront session cookie", () => {
  it("round-trips the session, contact and organization", () => {
    const now = Date.now();
    const claims = openContactSession(sealContactSession(session, now), now);
    expect(claims).toEqual({
      v: 2,
      sid: session.sessionId,
      cid: session.contactId,
      org: session.organizationId,
      exp: Math.floor(now / 1000) + CONTACT_SESSION.maxAgeSeconds,
    });
  });

  it("refuses a changed payload, a changed signature, and garbage", () => {
    const value = sealContactSession(session);
    const [payload, mac] = value.split(".") as [string, string];
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload, "base64url").toString()), sv: 4 }),
    ).toString("base64url");
    expect(openContactSession(`${forged}.${mac}`)).toBeNull();
    expect(openContactSession(`${payload}.${mac.slice(0, -2)}AA`)).toBeNull();
    expect(openContactSession(`${payload}.${mac}.extra`)).toBeNull();
    for (const junk of [undefined, "", ".", "abc", "a.b", "x".repeat(5000)]) expect(openContactSession(junk)).toBeNull();
  });

  it("refuses a signed payload of the wrong shape", () => {
    // Signed with the right key, but not a session: only sealContactSession's shape opens.
    const value = sealContactSession({ ...session, contactId: "not-a-uuid" });
    expect(openContactSession(value)).toBeNull();
  });

  it("expires after CONTACT_SESSION_MAX_AGE_HOURS", () => {
    const now = Date.now();
    const value = sealContactSession(session, now);
    expect(openContactSession(value, now + CONTACT_SESSION.maxAgeSeconds * 1000 - 1000)).not.toBeNull();
    expect(openContactSession(value, now + CONTACT_SESSION.maxAgeSeconds * 1000)).toBeNull();
  });
});
