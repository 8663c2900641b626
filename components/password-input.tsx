"use client";

import { useState, type InputHTMLAttributes } from "react";
import { controlClassName, Field } from "./ui/field";

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
  return (
    <Field id={inputId} label={label} error={error} describedBy={hintId}>
      {(control) => (
        <div className="flex">
          <input
            {...control}
            name={name}
            type={visible ? "text" : "password"}
            className={`${controlClassName(error)} w-full rounded-l-md`}
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
      )}
    </Field>
  );
}
