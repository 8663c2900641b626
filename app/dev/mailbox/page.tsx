import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { formatDateTime } from "@/lib/copy/format";
import { devMailboxEnabled, listDevMailbox } from "@/lib/mail/dev-mailbox";
import { textField } from "@/lib/web/schemas";

export const metadata: Metadata = { title: "Dev mailbox" };
export const dynamic = "force-dynamic";

const Params = z.object({ to: textField("The address").trim().min(1).max(254).optional().catch(undefined) });

/** The dev transport's inbox: every email Gatehouse "sent" while no provider is configured. */
export default async function DevMailboxPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  if (!devMailboxEnabled()) notFound();
  const { to } = Params.parse(await searchParams);
  const messages = await listDevMailbox({ to, limit: 50 });
  return (
    <main className="mx-auto flex max-w-3xl flex-col gap-4 p-6">
      <h1 className="text-2xl font-semibold">Dev mailbox</h1>
      <p className="text-sm text-zinc-700">
        Emails are delivered here because no email provider is configured (see MAIL_TRANSPORT in the README).
      </p>
      <form className="flex items-end gap-2" role="search">
        <label className="flex flex-col gap-1 text-sm font-medium">
          Recipient
          <input name="to" defaultValue={to} className="min-h-11 rounded-md border border-zinc-300 px-3" />
        </label>
        <button type="submit" className="min-h-11 rounded-md bg-brand-700 px-4 text-sm font-semibold text-white">
          Show messages
        </button>
      </form>
      {messages.length === 0 ? <p>No messages yet.</p> : null}
      <ol className="flex flex-col gap-4">
        {messages.map((m) => (
          <li key={m.id} className="rounded-lg border border-zinc-200 bg-white p-4">
            <h2 className="font-semibold">{m.subject}</h2>
            <p className="text-sm text-zinc-600">
              To {m.to} · {formatDateTime(m.sentAt)}
            </p>
            <pre className="mt-3 whitespace-pre-wrap text-sm">{m.text}</pre>
          </li>
        ))}
      </ol>
    </main>
  );
}
