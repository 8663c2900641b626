import { UNAVAILABLE_HEADING, UNAVAILABLE_MESSAGE } from "@/lib/copy/messages";
import { Button } from "./ui/button";

/**
 * What a page shows when its render failed. In production the browser is never told why
 * (Next.js hides server errors), so it says what is true of an outage and of a bug alike.
 */
export function UnavailableNotice({ retry }: { retry: () => void }) {
  return (
    <main className="mx-auto mt-[15vh] max-w-lg rounded-lg border border-zinc-200 bg-white p-8">
      <h1 className="mb-3 text-2xl font-semibold">{UNAVAILABLE_HEADING}</h1>
      <p className="mb-4">{UNAVAILABLE_MESSAGE}</p>
      <Button onClick={retry}>Try again</Button>
    </main>
  );
}
