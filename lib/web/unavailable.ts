import "server-only";
import { env } from "@/lib/infra/env";
import { UNAVAILABLE_HEADING, UNAVAILABLE_MESSAGE, UNAVAILABLE_TITLE } from "@/lib/copy/messages";

/*
 * Plain HTML with inline styles and no scripts: it is answered by the proxy, outside React,
 * and must not depend on anything that might itself fail (the app's CSS chunk names change
 * with every build). It reloads itself once the suggested wait is over.
 */
function page(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="${env.UNAVAILABLE_RETRY_AFTER_SECONDS}">
<title>${UNAVAILABLE_TITLE}</title>
</head>
<body style="margin:0;font-family:system-ui,sans-serif;background:#f8fafc;color:#0f172a">
<main style="max-width:32rem;margin:15vh auto;padding:2rem;background:#fff;border:1px solid #e2e8f0;border-radius:.5rem">
<h1 style="margin-top:0;font-size:1.5rem">${UNAVAILABLE_HEADING}</h1>
<p>${UNAVAILABLE_MESSAGE}</p>
<p>If you had just sent a form, check once the page is back whether it went through, and send it again if not.</p>
<p><a href="" style="color:#1d4ed8">Try again</a></p>
</main>
</body>
</html>
`;
}

/** The 503 page for any page or form post while the database is out of reach. */
export function unavailablePageResponse(): Response {
  return new Response(page(), {
    status: 503,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-store",
      "Retry-After": String(env.UNAVAILABLE_RETRY_AFTER_SECONDS),
    },
  });
}
