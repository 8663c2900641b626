import { describe, expect, it } from "vitest";
import { clientIp } from "@/lib/web/request-context";

describe("clientIp", () => {
  describe("with no trusted proxy (TRUSTED_PROXY_HOPS=0)", () => {
    it.each([
      ["a spoofed header", "203.0.113.9"],
      ["an empty header", ""],
      ["a header of commas", ","],
      ["a malformed header", "not-an-ip, <script>"],
      ["no header", null],
    ])("takes the connection's address whatever the client sends: %s", (_name, forwardedFor) => {
      expect(clientIp({ peer: "198.51.100.4", forwardedFor }, 0)).toBe("198.51.100.4");
    });

    it("writes IPv4-mapped IPv6 peers as IPv4 and keeps real IPv6", () => {
      expect(clientIp({ peer: "::ffff:127.0.0.1", forwardedFor: null }, 0)).toBe("127.0.0.1");
      expect(clientIp({ peer: "2001:DB8::1", forwardedFor: null }, 0)).toBe("2001:db8::1");
    });

    it("knows no address without a peer (not started through server.mjs)", () => {
      expect(clientIp({ peer: null, forwardedFor: "203.0.113.9" }, 0)).toBeNull();
      expect(clientIp({ peer: "", forwardedFor: "203.0.113.9" }, 0)).toBeNull();
      expect(clientIp({ peer: "garbage", forwardedFor: null }, 0)).toBeNull();
    });
  });

  describe("behind trusted proxies that append to X-Forwarded-For", () => {
    it("takes the entry the outermost trusted proxy appended (one hop)", () => {
      // The client sent "6.6.6.6"; the proxy appended the address it saw.
      expect(clientIp({ peer: "10.0.0.2", forwardedFor: "6.6.6.6, 192.0.2.50" }, 1)).toBe("192.0.2.50");
      expect(clientIp({ peer: "10.0.0.2", forwardedFor: "192.0.2.50" }, 1)).toBe("192.0.2.50");
    });

    it("takes the hops-th entry from the right (two hops)", () => {
      expect(clientIp({ peer: "10.0.0.3", forwardedFor: "6.6.6.6, 192.0.2.50, 10.0.0.2" }, 2)).toBe("192.0.2.50");
    });

    it.each([
      ["no header", null],
      ["an empty header", ""],
      ["too few entries", "10.0.0.2"],
      ["an entry that is not an address", "6.6.6.6, bogus, 10.0.0.2"],
      ["an empty entry", "6.6.6.6, , 10.0.0.2"],
    ])("is unknown when the chain is not what the proxies write: %s", (_name, forwardedFor) => {
      expect(clientIp({ peer: "10.0.0.3", forwardedFor }, 2)).toBeNull();
    });

    it("is unknown without a peer even when the header looks right", () => {
      expect(clientIp({ peer: null, forwardedFor: "192.0.2.50" }, 1)).toBeNull();
    });
  });
});
