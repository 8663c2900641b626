import type { ComponentProps } from "react";

type Variant = "primary" | "secondary" | "danger" | "link";

const VARIANTS: Record<Variant, string> = {
  primary: "bg-brand-700 text-white hover:bg-brand-900 disabled:bg-zinc-400",
  secondary: "border border-zinc-300 bg-white text-zinc-900 hover:bg-zinc-100 disabled:text-zinc-400",
  danger: "bg-red-700 text-white hover:bg-red-800 disabled:bg-zinc-400",
  link: "text-brand-700 underline underline-offset-2 hover:text-brand-900 px-0 py-0",
};

export function buttonClass(variant: Variant = "primary", extra = "") {
  const base = variant === "link" ? "" : "inline-flex min-h-11 items-center justify-center rounded-md px-4 py-2";
  return `${base} text-sm font-semibold transition-colors disabled:cursor-not-allowed ${VARIANTS[variant]} ${extra}`;
}

export function Button({
  variant = "primary",
  className = "",
  type = "button",
  ...props
}: ComponentProps<"button"> & { variant?: Variant }) {
  return <button type={type} className={buttonClass(variant, className)} {...props} />;
}
