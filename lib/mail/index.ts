import "server-only";
import { after } from "next/server";
import { noteDatabaseError } from "@/lib/infra/availability";
import { env } from "@/lib/infra/env";
import { deliverDueEmails } from "@/lib/mail/outbox";

export { enqueueEmail, renderEmail, deliverDueEmails, listEmailsAbout, MAIL_DELIVERY, type RenderedEmail } from "@/lib/mail/outbox";
export { getTransport, setTransport, type MailTransport } from "@/lib/mail/transports";

function logFailure(error: unknown) {
  // The sweeper runs every few seconds, so it is often the first to meet an outage.
  noteDatabaseError(error);
  console.error("[mail] delivery run failed:", (error as Error).message);
}

/**
 * Delivers freshly enqueued mail once the response has gone out, so a slow provider never
 * slows the user down. Outside a request (scripts, tests) it simply starts delivering.
 */
export function deliverAfterResponse(): void {
  const run = () => deliverDueEmails().then(() => undefined, logFailure);
  try {
    after(run);
  } catch {
    void run();
  }
}

type SweeperState = { timer?: NodeJS.Timeout; running?: boolean };
const sweeper: SweeperState = ((globalThis as { __gatehouseSweeper?: SweeperState }).__gatehouseSweeper ??= {});

/** Retries due and failed-over messages every MAIL_SWEEP_INTERVAL_SECONDS; one per process. */
export function startMailSweeper(): void {
  if (sweeper.timer) return;
  sweeper.timer = setInterval(async () => {
    if (sweeper.running) return;
    sweeper.running = true;
    try {
      await deliverDueEmails();
    } catch (error) {
      logFailure(error);
    } finally {
      sweeper.running = false;
    }
  }, env.MAIL_SWEEP_INTERVAL_SECONDS * 1000);
  sweeper.timer.unref();
}

export function stopMailSweeper(): void {
  clearInterval(sweeper.timer);
  sweeper.timer = undefined;
}
