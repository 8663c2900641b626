#!/usr/bin/env node
// Gatehouse's HTTP server: Next.js's request handler behind a plain node:http listener.
//
// Why not `next start`: Next.js does not hand route code the socket's address, and it only
// *sets* X-Forwarded-For when the client sent none, so a client could choose its own address and
// with it a fresh rate-limit budget per request. This listener writes the connection's address
// into a header of its own (replacing anything a client sent under that name) and marks the
// process, so lib/request-context.ts trusts the header only when this server put it there.
// Which address counts (the peer, or the Nth X-Forwarded-For hop) is decided there, once.
//
//   node server.mjs [--dev] [-p port] [-H hostname] [--keepAliveTimeout ms]
import { createServer } from "node:http";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    dev: { type: "boolean", default: false },
    port: { type: "string", short: "p" },
    hostname: { type: "string", short: "H" },
    // Longer than common load balancers' 60 s idle timeout, so the server never closes a
    // connection a balancer is about to reuse (docs/decisions.md "Operations").
    keepAliveTimeout: { type: "string", default: "65000" },
  },
});

const dev = values.dev;
process.env.NODE_ENV ??= dev ? "development" : "production";
const port = Number(values.port ?? process.env.PORT ?? 3000);
const hostname = values.hostname ?? process.env.HOSTNAME;

// The one place these headers' names are chosen; lib/request-context.ts reads them from here.
// X-Forwarded-For is copied as received because Next.js fills it in when a request has none.
const HEADERS = { peer: "x-gatehouse-peer", forwardedFor: "x-gatehouse-forwarded-for" };
globalThis[Symbol.for("gatehouse.client-headers")] = HEADERS;

/** Replaces whatever a client sent under our names with what the connection says. */
function stampClient(req) {
  req.headers[HEADERS.peer] = req.socket.remoteAddress ?? "";
  const forwardedFor = req.headers["x-forwarded-for"];
  if (forwardedFor === undefined) delete req.headers[HEADERS.forwardedFor];
  else req.headers[HEADERS.forwardedFor] = forwardedFor;
}

/*
 * A server action that redirects to one of our pages makes Next.js fetch that page from this
 * server (undici, asking for gzip) and stream it into the action's answer: the page was
 * compressed here only for undici to inflate it again, 15 % of a form sign-in's CPU
 * (docs/performance.md). Next.js copies the action's response headers into that fetch, so it is
 * the one request that arrives carrying `x-action-redirect`; it is answered uncompressed. (A
 * client that sends the header itself only gets its own answer uncompressed.)
 */
function isActionRedirectFetch(req) {
  return req.headers["x-action-redirect"] !== undefined && req.headers.rsc === "1";
}

// `npm run dev` only: register() (instrumentation.ts) leaves the start's promise here instead of
// awaiting it, so Next.js compiles the first page while the database opens (lib/startup.ts).
const start = dev ? (globalThis[Symbol.for("gatehouse.start")] = {}) : null;

const { default: next } = await import("next");
// Next.js spells a loopback or wildcard host "localhost" in a rewrite's URL (proxy.ts's), then
// compares that origin with its own: told "127.0.0.1" it sees another host and forwards the
// rewritten request to itself over HTTP, a second pass through everything (docs/performance.md,
// "Public pages"). Told "localhost", it serves the rewrite in the same request.
const LOCAL_HOSTS = new Set(["127.0.0.1", "::1", "0.0.0.0", "::"]);
const app = next({ dev, hostname: LOCAL_HOSTS.has(hostname) ? "localhost" : hostname, port, ...(dev ? { turbopack: true } : {}) });
const handle = app.getRequestHandler();
await app.prepare();

function onRequest(req, res) {
  stampClient(req);
  if (isActionRedirectFetch(req)) delete req.headers["accept-encoding"];
  void handle(req, res);
}

/*
 * A first `npm run dev` spends seconds creating the embedded database and as many compiling the
 * proxy and /login on the first request, one after the other (docs/performance.md, "Start").
 * Asking for /login on a private loopback port while the database opens makes them overlap; the
 * server listens on its own port once both are done, and a failed start (lib/startup.ts exits)
 * still never listens there. The page's answer does not matter: it is only compiled.
 */
async function compileFirstPage() {
  const warm = createServer(onRequest);
  await new Promise((resolve) => warm.listen(0, "127.0.0.1", resolve));
  try {
    const response = await fetch(`http://127.0.0.1:${warm.address().port}/login`);
    await response.arrayBuffer();
  } catch {
    // Next.js logs what went wrong; the real request will meet it again.
  } finally {
    warm.close();
  }
}
if (start?.started) await Promise.all([start.started, compileFirstPage()]);

const server = createServer(onRequest);
server.keepAliveTimeout = Number(values.keepAliveTimeout);
if (dev) {
  // Hot reload's websocket.
  const upgrade = app.getUpgradeHandler();
  server.on("upgrade", (req, socket, head) => {
    stampClient(req);
    void upgrade(req, socket, head);
  });
}
server.listen(port, hostname, () => {
  const mode = dev ? "development" : "production";
  console.log(`✓ Ready in ${Math.round(performance.now())}ms: Gatehouse (${mode}) on http://${hostname ?? "localhost"}:${port}`);
});

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => {
    server.close();
    void app.close().finally(() => process.exit(0));
  });
}
