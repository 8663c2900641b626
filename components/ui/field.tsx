import type { ReactNode } from "react";

/** What a field's control needs to be tied to its label, hint and error. */
export type ControlProps = { id: string; "aria-invalid"?: true; "aria-describedby"?: string };

/** The control's look; the caller adds the corners (a password input shares its right edge with a button). */
export function controlClassName(error: string | undefined): string {
  return `min-h-11 border bg-white px-3 py-2 text-base shadow-sm ${error ? "border-red-600" : "border-zinc-300"}`;
}

/**
 * A label, a control and the control's hint and error, tied together with aria-describedby.
 * The error sits in a live region so it is announced when it appears after a submit.
 * `describedBy` names a hint rendered elsewhere (a password's rules, say).
 */
export function Field({
  id,
  label,
  error,
  hint,
  describedBy,
  className = "",
  children,
}: {
  id: string;
  label: string;
  error?: string;
  hint?: ReactNode;
  describedBy?: string;
  className?: string;
  children: (control: ControlProps) => ReactNode;
}) {
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const ids = [describedBy, hint ? hintId : null, error ? errorId : null].filter(Boolean).join(" ");
  return (
    <div className={`flex flex-col gap-1 ${className}`}>
      <label htmlFor={id} className="text-sm font-medium text-zinc-800">
        {label}
      </label>
      {children({ id, "aria-invalid": error ? true : undefined, "aria-describedby": ids || undefined })}
      {hint ? (
        <p id={hintId} className="text-sm text-zinc-600">
          {hint}
        </p>
      ) : null}
      <p id={errorId} aria-live="polite" className="text-sm font-medium text-red-700">
        {error ?? ""}
      </p>
    </div>
  );
}
