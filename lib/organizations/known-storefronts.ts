import "server-only";

/**
 * Storefront slugs this process has found in the database, so proxy.ts can serve
 * `/store/<slug>/login` and `/forgot-password` from their cached twins (lib/web/prerendered.ts)
 * without a query of its own. Only a slug the database returned is ever noted: a made-up slug
 * never reaches the cached twin, whose 404 Next.js would keep like a page (vercel/next.js#63483),
 * one file per slug. Kept on globalThis because proxy.ts and the pages are separate bundles.
 */

/** More storefronts than any deployment has; past it the oldest noted is forgotten (it is found again on its next visit). */
export const KNOWN_STOREFRONTS_MAX = 10_000;

const known: Set<string> = ((globalThis as { __gatehouseKnownStorefronts?: Set<string> }).__gatehouseKnownStorefronts ??= new Set());

export function noteStorefront(slug: string): void {
  if (known.has(slug)) return;
  if (known.size >= KNOWN_STOREFRONTS_MAX) known.delete(known.values().next().value as string);
  known.add(slug);
}

/** A lookup that found nothing: the slug goes back to the per-request pages. */
export function forgetStorefront(slug: string): void {
  known.delete(slug);
}

export function isKnownStorefront(slug: string): boolean {
  return known.has(slug);
}
