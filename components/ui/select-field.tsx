import type { SelectHTMLAttributes } from "react";
import { controlClassName, Field } from "./field";

type Props = SelectHTMLAttributes<HTMLSelectElement> & {
  label: string;
  name: string;
  options: readonly { value: string; label: string }[];
  error?: string;
};

/** A labelled select with its error (see Field). */
export function SelectField({ label, name, options, error, id, className, ...props }: Props) {
  return (
    <Field id={id ?? `field-${name}`} label={label} error={error} className={className}>
      {(control) => (
        <select {...control} name={name} className={`${controlClassName(error)} rounded-md`} {...props}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
