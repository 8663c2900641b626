import { describe, expect, it } from "vitest";
import { isCrossOriginWrite } from "@/lib/web/origin";

const h = (init: Record<string, string>) => new Headers(init);

describe("isCrossOriginWrite", () => {
  it("lets same-origin writes, reads and origin-less clients through", () => {
    expect(isCrossOriginWrite("POST", h({ host: "app.test", origin: "https://app.test" }))).toBe(false);
    expect(isCrossOriginWrite("GET", h({ host: "app.test", origin: "https://evil.test" }))).toBe(false);
    expect(isCrossOriginWrite("POST", h({ host: "app.test" }))).toBe(false);
    expect(isCrossOriginWrite("POST", h({ host: "127.0.0.1:3000", origin: "http://localhost:3000" }))).toBe(false); // APP_URL
  });

  it("refuses writes from another site or an opaque origin", () => {
    expect(isCrossOriginWrite("POST", h({ host: "app.test", origin: "https://evil.test" }))).toBe(true);
    expect(isCrossOriginWrite("DELETE", h({ host: "app.test", origin: "https://app.test.evil.test" }))).toBe(true);
    expect(isCrossOriginWrite("POST", h({ host: "app.test", origin: "null" }))).toBe(true);
  });
});
