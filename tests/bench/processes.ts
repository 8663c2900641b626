import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import net from "node:net";

/** Every process the bench started, so an error or Ctrl-C never leaves a server behind. */
const started = new Set<ChildProcess>();

export type LogLine = { at: number; text: string };

export type Spawned = {
  child: ChildProcess;
  pid: number;
  /** Output lines with the time (performance.now()) they arrived. */
  lines: LogLine[];
  startedAt: number;
  /** Resolves with the first line matching `pattern` (rejects if the process exits first). */
  waitForLine: (pattern: RegExp, timeoutMs: number) => Promise<LogLine>;
  stop: () => Promise<void>;
};

/** Starts a process in a group of its own (npm → next → workers), killed as a whole by stop(). */
export function startProcess(command: string, args: string[], env: NodeJS.ProcessEnv, cwd = process.cwd()): Spawned {
  const startedAt = performance.now();
  const child = spawn(command, args, { cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  started.add(child);
  const lines: LogLine[] = [];
  const waiters: { pattern: RegExp; resolve: (l: LogLine) => void }[] = [];
  let exited: string | null = null;
  const onData = (buffer: { rest: string }) => (chunk: Buffer) => {
    const text = buffer.rest + chunk.toString("utf8");
    const parts = text.split("\n");
    buffer.rest = parts.pop() ?? "";
    for (const part of parts) {
      const line = { at: performance.now(), text: part.replace(/\u001b\[[0-9;]*m/g, "") };
      lines.push(line);
      for (const w of [...waiters]) {
        if (w.pattern.test(line.text)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(line);
        }
      }
    }
  };
  child.stdout!.on("data", onData({ rest: "" }));
  child.stderr!.on("data", onData({ rest: "" }));
  const exitPromise = new Promise<void>((resolve) =>
    child.on("exit", (code, signal) => {
      exited = `exited (${signal ?? code})`;
      started.delete(child);
      resolve();
    }),
  );
  return {
    child,
    pid: child.pid!,
    lines,
    startedAt,
    waitForLine(pattern, timeoutMs) {
      const seen = lines.find((l) => pattern.test(l.text));
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`${command} ${args.join(" ")}: no line matching ${pattern} in ${timeoutMs} ms\n${tail(lines)}`)),
          timeoutMs,
        );
        const poll = setInterval(() => {
          if (exited) {
            clearInterval(poll);
            clearTimeout(timer);
            reject(new Error(`${command} ${args.join(" ")} ${exited} before printing ${pattern}\n${tail(lines)}`));
          }
        }, 100);
        waiters.push({
          pattern,
          resolve: (line) => {
            clearInterval(poll);
            clearTimeout(timer);
            resolve(line);
          },
        });
      });
    },
    async stop() {
      if (exited) return;
      killGroup(child, "SIGTERM");
      const timer = setTimeout(() => killGroup(child, "SIGKILL"), 5000);
      await exitPromise;
      clearTimeout(timer);
      // The group may outlive its leader (next dev's workers): make sure it is gone.
      killGroup(child, "SIGKILL");
    },
  };
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // Already gone.
  }
}

function tail(lines: LogLine[]): string {
  return lines
    .slice(-30)
    .map((l) => `  | ${l.text}`)
    .join("\n");
}

/** Kills whatever the bench started (called on any exit). */
export function stopAllProcesses(): void {
  for (const child of started) killGroup(child, "SIGKILL");
}

/** The first port from `from` on that nothing listens to on 127.0.0.1. */
export async function freePort(from: number, avoid: number[] = []): Promise<number> {
  for (let port = from; port < from + 100; port++) {
    if (avoid.includes(port)) continue;
    const free = await new Promise<boolean>((resolve) => {
      const server = net.createServer();
      server.once("error", () => resolve(false));
      server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port in ${from}-${from + 99}`);
}

const CLOCK_TICKS_PER_SECOND = 100;

/** CPU time (user + system, all threads) a process has used so far, in ms; null if it is gone. */
export function cpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** CPU time of this process, in ms. */
export function ownCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}
