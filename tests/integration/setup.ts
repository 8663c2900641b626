import { afterAll, beforeAll } from "vitest";
import type { DatabaseHandle } from "@/db/client";

// Each test file runs against a fresh, migrated database of its own. Imported lazily so a
// test file can set process.env (vi.hoisted) before lib/infra/env.ts parses it.
let handle: DatabaseHandle | undefined;

// Route handlers are called in-process here: stand in for server.mjs, which writes each
// request's socket address into x-gatehouse-peer (tests send it as the connection's address).
(globalThis as Record<symbol, unknown>)[Symbol.for("gatehouse.client-headers")] = {
  peer: "x-gatehouse-peer",
  forwardedFor: "x-gatehouse-forwarded-for",
};

beforeAll(async () => {
  const { openTestDatabase } = await import("./database");
  handle = await openTestDatabase();
  // No mail is delivered unless a test picks a transport: delivery would purge the bodies
  // (codes, links) that tests read back from the outbox.
  const { setTransport } = await import("@/lib/mail");
  setTransport(null);
});

afterAll(async () => {
  await handle?.close();
});
