"use client";

import { useState, type InputHTMLAttributes } from "react";

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, "type"> & {
  label: string;
  name: string;
  error?: string;
  hintId?: string;
};

/** A password field with a show/hide toggle; paste is allowed, as password managers need it. */
export function PasswordInput({ label, name, error, id, hintId, ...props }: Props) {
  const [visible, setVisible] = useState(false);
  const inputId = id ?? `field-${name}`;
  const errorId = `${inputId}-error`;
  const describedBy = [hintId, error ? errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={inputId} className="text-sm font-medium text-zinc-800">
        {label}
      </label>
      <div className="flex">
        <input
          id={inputId}
          name={name}
          type={visible ? "text" : "password"}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          className={`min-h-11 w-full rounded-l-md border bg-white px-3 py-2 text-base shadow-sm ${
            error ? "border-red-600" : "border-zinc-300"
          }`}
          {...props}
        />
        <button
          type="button"
          onClick={() => setVisible((v) => !v)}
          aria-pressed={visible}
          aria-controls={inputId}
          className="min-h-11 rounded-r-md border border-l-0 border-zinc-300 bg-zinc-100 px-3 text-sm font-medium text-zinc-800 hover:bg-zinc-200"
        >
          {visible ? "Hide" : "Show"}
          <span className="sr-only"> {label.toLowerCase()}</span>
        </button>
      </div>
      <p id={errorId} aria-live="polite" className="text-sm font-medium text-red-700">
        {error ?? ""}
      </p>
    </div>
  );
}
