import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export type FakeReply =
  | { kind: "accept" }
  | { kind: "error"; status: number; retryAfter?: number }
  | { kind: "hang" }
  /** Keeps the request open until the test calls `release`: a send in flight, for as long as the test needs. */
  | { kind: "hold" };

/** `at`: when it arrived (Date.now() of the test process). */
export type FakeRequest = { path: string; idempotencyKey: string | null; body: Record<string, unknown>; at: number };

export type FakeResendOptions = {
  /** Port to listen on (default: any free one). */
  port?: number;
  /** How long every reply waits, in milliseconds: a slow provider (changeable with setDelay). */
  delayMs?: number;
};

/**
 * A local stand-in for Resend's HTTP API (POST /emails), reached by the real Resend client
 * through RESEND_BASE_URL. Each request takes the next scripted reply (then "accept").
 */
export async function startFakeResend(options: FakeResendOptions = {}) {
  let delayMs = options.delayMs ?? 0;
  const replies: FakeReply[] = [];
  const requests: FakeRequest[] = [];
  const accepted = new Map<string, string>();
  // Every accepting reply, repeats included: the Map above cannot show a message accepted twice.
  const acceptances: string[] = [];
  const held: ((reply: FakeReply) => void)[] = [];
  const server: Server = createServer(async (req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as Record<string, unknown>;
    const idempotencyKey = (req.headers["idempotency-key"] as string | undefined) ?? null;
    requests.push({ path: req.url ?? "", idempotencyKey, body, at: Date.now() });
    let reply = replies.shift() ?? { kind: "accept" };
    if (reply.kind === "hold") reply = await new Promise<FakeReply>((resolve) => held.push(resolve));
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    if (reply.kind === "hang") return; // never answers: the client's timeout must fire
    if (reply.kind === "error") {
      res.writeHead(reply.status, {
        "content-type": "application/json",
        ...(reply.retryAfter ? { "retry-after": String(reply.retryAfter) } : {}),
      });
      res.end(JSON.stringify({ statusCode: reply.status, name: "fake_error", message: "scripted failure" }));
      return;
    }
    const id = (idempotencyKey && accepted.get(idempotencyKey)) || `fake-${accepted.size + 1}`;
    if (idempotencyKey) accepted.set(idempotencyKey, id);
    acceptances.push(idempotencyKey ?? "");
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ id }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    /** Distinct messages the fake accepted (by idempotency key). */
    accepted,
    /** The idempotency key of every accepted request, in order, repeats included. */
    acceptances,
    /** How many requests are being held open now. */
    holding: () => held.length,
    /** Answers the oldest held request with `reply`. */
    release: (reply: FakeReply) => held.shift()?.(reply),
    script: (...next: FakeReply[]) => replies.push(...next),
    /** Replies from now on wait `ms` before answering. */
    setDelay: (ms: number) => {
      delayMs = ms;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
