import { apiRoute } from "@/lib/web/api";
import { handlers } from "@/lib/sessions/auth";

// Through the API toolkit so that a sign-in during a database outage answers 503, not Auth.js's error page.
export const GET = apiRoute(handlers.GET);
export const POST = apiRoute(handlers.POST);
