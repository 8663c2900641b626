import type { InputHTMLAttributes, ReactNode } from "react";
import { controlClassName, Field } from "./field";

type Props = InputHTMLAttributes<HTMLInputElement> & {
  label: string;
  name: string;
  error?: string;
  hint?: ReactNode;
};

/** A labelled input with its hint and error (see Field). */
export function TextField({ label, name, error, hint, id, className, ...props }: Props) {
  return (
    <Field id={id ?? `field-${name}`} label={label} error={error} hint={hint} className={className}>
      {(control) => <input {...control} name={name} className={`${controlClassName(error)} rounded-md`} {...props} />}
    </Field>
  );
}
