import type { ComponentProps } from "react";
import { TextField } from "./ui/text-field";

/** The username input every sign-in and reset form shares: no autocapitalise or spellcheck on phones. */
export function UsernameField(props: Omit<ComponentProps<typeof TextField>, "label" | "name"> & { label?: string; name?: string }) {
  return (
    <TextField
      label="Username"
      name="username"
      autoComplete="username"
      autoCapitalize="none"
      spellCheck={false}
      required
      maxLength={254}
      {...props}
    />
  );
}
