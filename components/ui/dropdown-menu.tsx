"use client";

import Link from "next/link";
import { useEffect, useId, useRef, useState, type ReactNode } from "react";

/** An item either runs a command or, with `href`, is a link (so it opens in a new tab like any link). */
export type MenuItem = { label: string; onSelect: () => void; tone?: "danger" } | { label: string; href: string };

/**
 * A menu button (WAI-ARIA pattern): Enter, Space or ArrowDown opens it on the first item,
 * arrows move, Home/End jump, Escape closes and returns focus to the button.
 */
export function DropdownMenu({
  label,
  detail,
  items,
  icon,
}: {
  label: string;
  /** Muted text after the label in the button, e.g. the signed-in user's type. */
  detail?: string;
  items: MenuItem[];
  icon?: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const itemRefs = useRef<(HTMLElement | null)[]>([]);
  const menuId = useId();

  useEffect(() => {
    if (open) itemRefs.current[active]?.focus();
  }, [open, active]);

  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent) => {
      if (!(event.target as Node).isConnected) return;
      const root = buttonRef.current?.parentElement;
      if (root && !root.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", close);
    return () => document.removeEventListener("mousedown", close);
  }, [open]);

  const openAt = (index: number) => {
    setActive(index);
    setOpen(true);
  };
  const close = (focusButton = true) => {
    setOpen(false);
    if (focusButton) buttonRef.current?.focus();
  };

  return (
    <div className="relative inline-block text-left">
      <button
        ref={buttonRef}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => (open ? close() : openAt(0))}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown" || e.key === "Enter" || e.key === " ") {
            e.preventDefault();
            openAt(0);
          } else if (e.key === "ArrowUp") {
            e.preventDefault();
            openAt(items.length - 1);
          }
        }}
        className="inline-flex min-h-11 items-center gap-2 rounded-md border border-zinc-300 bg-white px-4 text-sm font-semibold hover:bg-zinc-100"
      >
        <span>
          {label}
          {detail ? <span className="font-normal text-zinc-600">{` · ${detail}`}</span> : null}
        </span>
        {icon ?? <span aria-hidden="true">▾</span>}
      </button>
      <div
        id={menuId}
        role="menu"
        aria-label={label}
        hidden={!open}
        className="absolute right-0 z-10 mt-1 min-w-52 rounded-md border border-zinc-200 bg-white py-1 shadow-lg"
        onKeyDown={(e) => {
          const last = items.length - 1;
          if (e.key === "ArrowDown") setActive((i) => (i >= last ? 0 : i + 1));
          else if (e.key === "ArrowUp") setActive((i) => (i <= 0 ? last : i - 1));
          else if (e.key === "Home") setActive(0);
          else if (e.key === "End") setActive(last);
          else if (e.key === "Escape" || e.key === "Tab") {
            close(e.key === "Escape");
            return;
          } else return;
          e.preventDefault();
        }}
      >
        {items.map((item, i) => {
          const common = {
            ref: (el: HTMLElement | null) => {
              itemRefs.current[i] = el;
            },
            role: "menuitem",
            tabIndex: i === active ? 0 : -1,
          } as const;
          const look = "block w-full px-4 py-2 text-left text-sm hover:bg-zinc-100 focus:bg-zinc-100";
          if ("href" in item) {
            return (
              <Link key={item.label} {...common} href={item.href} onClick={() => setOpen(false)} className={`${look} text-zinc-900`}>
                {item.label}
              </Link>
            );
          }
          return (
            <button
              key={item.label}
              {...common}
              type="button"
              onClick={() => {
                // Focus goes back to the menu button first: a dialog the item opens returns it there.
                close();
                item.onSelect();
              }}
              className={`${look} ${item.tone === "danger" ? "text-red-700" : "text-zinc-900"}`}
            >
              {item.label}
            </button>
          );
        })}
      </div>
    </div>
  );
}
