import type { ReactNode } from "react";

/** The centred card of the storefront's sign-in and password pages. */
export function StorefrontCard({ title, intro, children }: { title: string; intro?: ReactNode; children: ReactNode }) {
  return (
    <main className="flex flex-1 items-center justify-center px-4 py-10">
      <div className="w-full max-w-md rounded-xl border border-zinc-200 bg-white p-8 shadow-sm">
        <h1 className="mb-2 text-2xl font-semibold">{title}</h1>
        {intro ? <div className="mb-6 text-sm text-zinc-700">{intro}</div> : null}
        {children}
      </div>
    </main>
  );
}
