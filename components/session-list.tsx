"use client";

import { useActionState } from "react";
import { initialActionState, type ActionState } from "@/lib/web/action-state";
import type { SessionListItem } from "@/lib/sessions/records";
import { Alert } from "./ui/alert";
import { Button } from "./ui/button";

type FormAction = (state: ActionState<never>, formData: FormData) => Promise<ActionState<never>>;

/**
 * An account's live sessions, each with a Sign out button, and optionally "Sign out other
 * sessions". The actions come from the page (each route's own actions.ts) with the hidden
 * fields that name the account.
 */
export function SessionList({
  caption,
  sessions,
  revokeAction,
  endOthersAction,
  fields = {},
}: {
  caption: string;
  sessions: SessionListItem[];
  revokeAction: FormAction;
  endOthersAction?: FormAction;
  fields?: Record<string, string>;
}) {
  const [revoked, revoke, revoking] = useActionState(revokeAction, initialActionState);
  const [ended, endOthers, ending] = useActionState(endOthersAction ?? revokeAction, initialActionState);
  const outcome = ended.message ? ended : revoked;
  const hidden = Object.entries(fields).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />);
  const others = sessions.filter((s) => !s.current).length;
  return (
    <div className="flex flex-col gap-3">
      <div aria-live="polite">{outcome.message ? <Alert tone={outcome.ok ? "success" : "error"}>{outcome.message}</Alert> : null}</div>
      {sessions.length === 0 ? (
        <p className="text-sm text-zinc-700">No session is signed in.</p>
      ) : (
        <ul aria-label={caption} className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 bg-white">
          {sessions.map((s) => (
            <li key={s.id} className="flex flex-wrap items-center justify-between gap-x-3 gap-y-2 px-3 py-2 text-sm">
              <div className="min-w-0 flex-1 basis-64">
                <p className="font-semibold">
                  {s.via} · {s.device}
                  {s.current ? <span className="ml-2 rounded bg-green-100 px-1.5 py-0.5 text-xs text-green-900">This browser</span> : null}
                </p>
                <p className="text-zinc-700">
                  {s.ip} · started {s.started} · last seen {s.lastSeen}
                </p>
              </div>
              {s.current ? null : (
                <form action={revoke}>
                  {hidden}
                  <input type="hidden" name="sessionId" value={s.id} />
                  <Button type="submit" variant="secondary" disabled={revoking} aria-label={`Sign out ${s.via}, ${s.device}, last seen ${s.lastSeen}`}>
                    Sign out
                  </Button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
      {endOthersAction && others > 0 ? (
        <form action={endOthers}>
          {hidden}
          <Button type="submit" variant="secondary" disabled={ending}>
            Sign out other sessions
          </Button>
        </form>
      ) : null}
    </div>
  );
}
