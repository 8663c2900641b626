"use client";

import { useEffect, useId, useRef, type ReactNode } from "react";

function focusable(element: Element | null): element is HTMLElement {
  return element instanceof HTMLElement && element.isConnected && element.checkVisibility() && !element.matches(":disabled");
}

/**
 * A modal built on <dialog>: the browser traps focus and Escape closes it. It opens on the
 * element marked `data-autofocus` (a confirm dialog's Cancel: the safe choice), and on closing
 * puts focus back on what opened it, or on `returnFocus()` when that is gone (a menu item,
 * say); the browser's own return gives up when focus has already left the dialog, e.g. to a
 * submit button disabled while it works.
 */
export function Dialog({
  open,
  onClose,
  title,
  children,
  returnFocus,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  children: ReactNode;
  returnFocus?: () => HTMLElement | null;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<Element | null>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement;
      dialog.showModal();
      dialog.querySelector<HTMLElement>("[data-autofocus]")?.focus();
    }
    if (!open && dialog.open) dialog.close();
    if (!open && opener.current) {
      const previous = opener.current;
      opener.current = null;
      window.requestAnimationFrame(() => {
        const active = document.activeElement;
        if (active && active !== document.body && !dialog.contains(active)) return;
        const target = focusable(previous) ? previous : returnFocus?.();
        target?.focus();
      });
    }
  }, [open, returnFocus]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={onClose}
      className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-xl border border-zinc-200 bg-white p-6 shadow-xl backdrop:bg-black/40"
    >
      <h2 id={titleId} className="mb-3 text-lg font-semibold">
        {title}
      </h2>
      {children}
    </dialog>
  );
}
