"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const LINKS = [
  { href: "/admin", label: "Dashboard" },
  { href: "/admin/users", label: "Users" },
  { href: "/admin/retailers", label: "Retailers" },
  { href: "/admin/contacts", label: "Contacts" },
  { href: "/admin/subscription", label: "Subscription" },
  { href: "/admin/activity", label: "Activity" },
  { href: "/admin/settings", label: "Settings" },
];

export function AdminSidebar() {
  const pathname = usePathname();
  return (
    <nav aria-label="Admin console" className="w-full border-b border-zinc-200 bg-white md:w-56 md:border-r md:border-b-0">
      <ul className="flex flex-wrap gap-1 p-2 md:flex-col">
        {LINKS.map((link) => {
          const current = link.href === "/admin" ? pathname === "/admin" : pathname.startsWith(link.href);
          return (
            <li key={link.href}>
              <Link
                href={link.href}
                aria-current={current ? "page" : undefined}
                className={`block min-h-11 content-center rounded-md px-3 text-sm font-medium ${
                  current ? "bg-brand-50 text-brand-900" : "text-zinc-700 hover:bg-zinc-100"
                }`}
              >
                {link.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
