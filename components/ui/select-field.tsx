import type { SelectHTMLAttributes } from "react";

type Props = SelectHTMLAttributes<HTMLSelectElement> & {
  label: string;
  name: string;
  options: readonly { value: string; label: string }[];
  error?: string;
};

/** A labelled select whose error is tied to it with aria-describedby. */
export function SelectField({ label, name, options, error, id, className = "", ...props }: Props) {
  const selectId = id ?? `field-${name}`;
  const errorId = `${selectId}-error`;
  return (
    <div className={`flex flex-col gap-1 ${className}`}>
      <label htmlFor={selectId} className="text-sm font-medium text-zinc-800">
        {label}
      </label>
      <select
        id={selectId}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        className={`min-h-11 rounded-md border bg-white px-3 py-2 text-base ${error ? "border-red-600" : "border-zinc-300"}`}
        {...props}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <p id={errorId} aria-live="polite" className="text-sm font-medium text-red-700">
        {error ?? ""}
      </p>
    </div>
  );
}
