"use client";

import { usePathname, useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { userTypes } from "@/lib/staff/user-types";
import { USER_TYPE_LABELS } from "@/lib/staff/access";
import { controlClassName, Field } from "./ui/field";

/**
 * Search box and user-type filter of the Users table. Results follow the typing (the URL
 * is the state, so Back and shared links work); without JavaScript the form still submits.
 */
export function UserSearch({ q, type, error }: { q: string; type: string; error?: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const [query, setQuery] = useState(q);
  const [userType, setUserType] = useState(type);
  const first = useRef(true);

  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const handle = window.setTimeout(() => {
      const params = new URLSearchParams();
      if (query.trim()) params.set("q", query.trim());
      if (userType) params.set("type", userType);
      router.replace(params.size ? `${pathname}?${params}` : pathname);
    }, 250);
    return () => window.clearTimeout(handle);
  }, [query, userType, pathname, router]);

  return (
    <form role="search" aria-label="Users" className="flex flex-wrap items-end gap-3" action={pathname}>
      <Field id="user-search" label="Search by name or username" error={error}>
        {(control) => (
          <input
            {...control}
            name="q"
            type="search"
            value={query}
            maxLength={100}
            onChange={(e) => setQuery(e.target.value)}
            className={`${controlClassName(error)} w-72 rounded-md`}
          />
        )}
      </Field>
      <div className="flex flex-col gap-1">
        <label htmlFor="user-type" className="text-sm font-medium">
          User type
        </label>
        <select
          id="user-type"
          name="type"
          value={userType}
          onChange={(e) => setUserType(e.target.value)}
          className="min-h-11 rounded-md border border-zinc-300 bg-white px-3"
        >
          <option value="">All types</option>
          {userTypes.map((t) => (
            <option key={t} value={t}>
              {USER_TYPE_LABELS[t]}
            </option>
          ))}
        </select>
      </div>
      <noscript>
        <button type="submit" className="min-h-11 rounded-md border border-zinc-300 px-4">
          Search users
        </button>
      </noscript>
    </form>
  );
}
