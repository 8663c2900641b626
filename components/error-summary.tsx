"use client";

import { forwardRef } from "react";

/**
 * GOV.UK's error summary: after a failed submit it takes focus, says what went wrong, and links
 * each field's error to its field (`#field-<name>`), so a keyboard or screen-reader user lands
 * on the problem instead of on the button they pressed.
 */
export const ErrorSummary = forwardRef<
  HTMLDivElement,
  { message?: string; fieldErrors?: Record<string, string | undefined> }
>(function ErrorSummary({ message, fieldErrors }, ref) {
  const fields = Object.entries(fieldErrors ?? {}).filter((e): e is [string, string] => Boolean(e[1]));
  if (!message && fields.length === 0) return null;
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="alert"
      aria-labelledby="error-summary-title"
      data-testid="error-summary"
      className="rounded-md border-2 border-red-700 bg-red-50 px-4 py-3 text-sm text-red-900 focus:outline-3 focus:outline-offset-2 focus:outline-red-700"
    >
      <h2 id="error-summary-title" className="font-semibold">
        There is a problem
      </h2>
      {/* With field errors, the action's message only says "correct the highlighted fields": the list says it better. */}
      {message && fields.length === 0 ? <p className="mt-1">{message}</p> : null}
      {fields.length ? (
        <ul className="mt-1 list-disc pl-5">
          {fields.map(([name, error]) => (
            <li key={name}>
              <a
                href={`#field-${name}`}
                className="font-medium underline underline-offset-2"
                onClick={(e) => {
                  // Focus the field itself, not just scroll to it.
                  const target = document.getElementById(`field-${name}`);
                  if (target) {
                    e.preventDefault();
                    target.focus();
                  }
                }}
              >
                {error}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
});

