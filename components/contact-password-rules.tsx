"use client";

import { evaluateContactPassword } from "@/lib/credentials/policy";

/** The contact rules as the contact types: the same lib/password-policy.ts rules the server enforces. */
export function ContactPasswordRules({ id, password }: { id: string; password: string }) {
  const rules = evaluateContactPassword(password).rules.filter((r) => r.id !== "maxLength" || !r.met);
  return (
    <ul id={id} className="flex flex-col gap-0.5 text-sm" aria-label="Password rules">
      {rules.map((r) => (
        <li key={r.id} className={r.met && password ? "text-green-800" : "text-zinc-700"}>
          <span aria-hidden="true">{r.met && password ? "✓" : "•"}</span> {r.label}
          <span className="sr-only">{r.met && password ? " (met)" : " (not met)"}</span>
        </li>
      ))}
    </ul>
  );
}
