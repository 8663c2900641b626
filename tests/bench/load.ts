import http from "node:http";

export type LoadResult = {
  latencies: number[];
  ok: number;
  failed: number;
  /** From the first request to the last response. */
  elapsedMs: number;
  /** A few failure reasons, to say what broke. */
  failures: string[];
};

/**
 * A closed loop: `concurrency` clients each send one request, wait for its answer, send the
 * next, until `total` requests were sent or `durationMs` has passed (then in-flight ones finish).
 * `request` resolves true for a good answer; its time counts either way.
 */
export async function closedLoop(options: {
  concurrency: number;
  total?: number;
  durationMs?: number;
  request: (index: number) => Promise<true | string>;
}): Promise<LoadResult> {
  const result: LoadResult = { latencies: [], ok: 0, failed: 0, elapsedMs: 0, failures: [] };
  const start = performance.now();
  const deadline = options.durationMs ? start + options.durationMs : Number.POSITIVE_INFINITY;
  const total = options.total ?? Number.POSITIVE_INFINITY;
  let issued = 0;
  const client = async () => {
    while (issued < total && performance.now() < deadline) {
      const index = issued++;
      const t0 = performance.now();
      let outcome: true | string;
      try {
        outcome = await options.request(index);
      } catch (error) {
        outcome = (error as Error).message;
      }
      result.latencies.push(performance.now() - t0);
      if (outcome === true) result.ok++;
      else {
        result.failed++;
        if (result.failures.length < 5) result.failures.push(outcome);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, client));
  result.elapsedMs = performance.now() - start;
  return result;
}

export function mergeLoads(results: LoadResult[]): LoadResult {
  return {
    latencies: results.flatMap((r) => r.latencies),
    ok: results.reduce((a, r) => a + r.ok, 0),
    failed: results.reduce((a, r) => a + r.failed, 0),
    elapsedMs: results.reduce((a, r) => a + r.elapsedMs, 0),
    failures: results.flatMap((r) => r.failures).slice(0, 5),
  };
}

export type HttpAnswer = { status: number; headers: http.IncomingHttpHeaders; body: string };

/** One keep-alive pool per server, so a load measures requests, not TCP handshakes. */
export function httpClient(baseUrl: string, maxSockets = 64) {
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  const base = new URL(baseUrl);
  const send = (
    method: string,
    path: string,
    options: { headers?: Record<string, string>; body?: string | Buffer } = {},
  ): Promise<HttpAnswer> =>
    new Promise((resolve, reject) => {
      const req = http.request(
        {
          agent,
          host: base.hostname,
          port: base.port,
          method,
          path,
          headers: {
            ...(options.body !== undefined ? { "content-length": String(Buffer.byteLength(options.body)) } : {}),
            ...options.headers,
          },
          timeout: 60_000,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () =>
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }),
          );
          res.on("error", reject);
        },
      );
      req.on("timeout", () => req.destroy(new Error(`${method} ${path}: no answer in 60 s`)));
      req.on("error", reject);
      if (options.body !== undefined) req.write(options.body);
      req.end();
    });
  return { send, close: () => agent.destroy() };
}

/**
 * A page's form, posted as React posts it with JavaScript: its server action (the id React
 * renders into the form for submissions without JavaScript), `useActionState`'s initial state
 * `{ ok: false }` and the form's fields. Resolves to a function that posts one submission.
 */
export async function formActionPoster(client: ReturnType<typeof httpClient>, baseUrl: string, pagePath: string) {
  const page = await client.send("GET", pagePath);
  const actionId = /&quot;id&quot;:&quot;([0-9a-f]{16,})&quot;/.exec(page.body)?.[1];
  if (page.status !== 200 || !actionId) throw new Error(`${pagePath} has no server action id (status ${page.status})`);
  const origin = new URL(baseUrl).origin;
  const boundary = "----gatehousebench";
  const part = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  return (fields: Record<string, string>, headers: Record<string, string> = {}): Promise<HttpAnswer> => {
    const body =
      Object.entries(fields)
        .map(([name, value]) => part(`_1_${name}`, value))
        .join("") +
      part("0", '[{"ok":false},"$K1"]') +
      `--${boundary}--\r\n`;
    return client.send("POST", pagePath, {
      headers: {
        "next-action": actionId,
        accept: "text/x-component",
        origin,
        "content-type": `multipart/form-data; boundary=${boundary}`,
        ...headers,
      },
      body,
    });
  };
}
