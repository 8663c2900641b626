import type { ReactNode } from "react";

/** The centred card that holds the sign-in and password pages. */
export function AuthCard({ title, intro, children }: { title: string; intro?: ReactNode; children: ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-10">
      <div className="w-full max-w-md rounded-xl border border-zinc-200 bg-white p-8 shadow-sm">
        <p className="mb-6 text-sm font-bold tracking-wide text-brand-900">Gatehouse</p>
        <h1 className="mb-2 text-2xl font-semibold">{title}</h1>
        {intro ? <div className="mb-6 text-sm text-zinc-700">{intro}</div> : null}
        {children}
      </div>
    </main>
  );
}
