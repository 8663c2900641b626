"use client";

import { useEffect, useRef, type ReactNode } from "react";

/**
 * A page's main heading. After signing in, a save that redirects, or a client-side navigation,
 * focus would sit on <body>; it moves here instead, so a screen reader starts at the page's
 * name (and the message under it) and Tab goes on from there.
 */
export function PageHeading({ children, className = "text-2xl font-semibold" }: { children: ReactNode; className?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    const active = document.activeElement;
    if (!active || active === document.body) ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1} className={`${className} focus:outline-none`}>
      {children}
    </h1>
  );
}
