"use client";

import { useEffect, useState } from "react";
import { evaluateStaffPassword, personalWords, STRENGTH_LABELS, type PolicyResult } from "@/lib/credentials/policy";
import type { StrengthResult } from "@/lib/credentials/strength";

const BAR_COLOURS = ["bg-red-600", "bg-orange-500", "bg-yellow-500", "bg-green-600", "bg-green-700"];
const TEXT_COLOURS = ["text-red-700", "text-orange-700", "text-yellow-800", "text-green-700", "text-green-800"];

type Props = { id: string; password: string; username: string; userInputs?: string[] };

/**
 * Live strength and rules for a new staff password: the same lib/password-policy.ts rules
 * the server enforces. zxcvbn's dictionaries load after first paint, only on pages with a meter.
 */
export function PasswordStrengthMeter({ id, password, username, userInputs }: Props) {
  const [strength, setStrength] = useState<StrengthResult | null>(null);
  const [estimate, setEstimate] = useState<typeof import("@/lib/credentials/strength").estimateStrength | null>(null);

  useEffect(() => {
    // Load the dictionaries once the page has painted, so they never delay it.
    const handle = window.setTimeout(() => {
      void import("@/lib/credentials/strength").then((m) => {
        // Fetch the dictionaries now, not at the first keystroke: the meter is ready when the user types.
        m.preloadStrengthEstimator();
        setEstimate(() => m.estimateStrength);
      });
    }, 0);
    return () => window.clearTimeout(handle);
  }, []);

  const wordsKey = [username, ...(userInputs ?? [])].join("\u0000");
  useEffect(() => {
    if (!estimate || !password) {
      setStrength(null);
      return;
    }
    let current = true;
    const handle = window.setTimeout(() => {
      void estimate(password, personalWords({ username, userInputs })).then((s) => current && setStrength(s));
    }, 120);
    return () => {
      current = false;
      window.clearTimeout(handle);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [estimate, password, wordsKey]);

  const result: PolicyResult = evaluateStaffPassword(password, { username, userInputs }, password ? strength : null);
  const unmet = result.rules.filter((r) => !r.met);
  const score = result.score;
  const label = password ? (score !== null ? STRENGTH_LABELS[score] : "Checking…") : "—";

  return (
    <div id={id} className="flex flex-col gap-2 text-sm">
      <div className="flex items-center gap-3">
        <div className="grid flex-1 grid-cols-5 gap-1" aria-hidden="true">
          {STRENGTH_LABELS.map((name, i) => (
            <div
              key={name}
              className={`h-2 rounded-full ${score !== null && password && i <= score ? BAR_COLOURS[score] : "bg-zinc-200"}`}
            />
          ))}
        </div>
        <p className={`min-w-24 text-right font-semibold ${score !== null && password ? TEXT_COLOURS[score] : "text-zinc-600"}`}>
          {label}
        </p>
      </div>
      <div aria-live="polite" className="sr-only">
        {password ? `Strength: ${label}. ${unmet.length ? `${unmet.length} rule${unmet.length > 1 ? "s" : ""} not met.` : "All rules met."}` : ""}
      </div>
      <ul className="flex flex-col gap-0.5" aria-label="Password rules">
        {result.rules
          .filter((r) => r.id !== "maxLength" || !r.met)
          .map((r) => (
            <li key={r.id} className={r.met && password ? "text-green-800" : "text-zinc-700"}>
              <span aria-hidden="true">{r.met && password ? "✓" : "•"}</span> {r.label}
              <span className="sr-only">{r.met && password ? " (met)" : " (not met)"}</span>
            </li>
          ))}
      </ul>
    </div>
  );
}
