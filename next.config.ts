import type { NextConfig } from "next";

const isDev = process.env.NODE_ENV !== "production";

// 'unsafe-inline' for scripts is needed by Next.js's inline bootstrap without nonces; see docs/decisions.md.
const csp = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${isDev ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
].join("; ");

const securityHeaders = [
  { key: "Content-Security-Policy", value: csp },
  // same-origin, not no-referrer: under no-referrer a form posted before hydration (or without
  // JavaScript) carries `Origin: null`, which the CSRF checks must refuse. Other sites still get
  // no Referer at all; docs/decisions.md.
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  ...(isDev ? [] : [{ key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" }]),
];

const noStore = [{ key: "Cache-Control", value: "no-store" }];

/*
 * A CSV import's upload is a server action: its body carries the file (IMPORT_MAX_BYTES, 10 MB by
 * default) and the form's fields, and passes through the proxy first. Read at build time, like
 * the rest of this file; lib/imports refuses a larger file itself with a clear message.
 */
const importMaxBytes = Number(process.env.IMPORT_MAX_BYTES) || 10 * 1024 * 1024;
const uploadBodyLimit = importMaxBytes + 1024 * 1024;

const nextConfig: NextConfig = {
  poweredByHeader: false,
  experimental: {
    // forbidden() and app/forbidden.tsx give the console's 403 page its status.
    authInterrupts: true,
    serverActions: { bodySizeLimit: uploadBodyLimit },
    proxyClientMaxBodySize: uploadBodyLimit,
  },
  /*
   * Loaded by Node.js from node_modules instead of bundled. Besides the native and driver packages,
   * the large pure-JavaScript libraries the server graphs share: Turbopack compiled each of them
   * once per graph (instrumentation, proxy, the pages' server and SSR layers), which was most of a
   * first `npm run dev` after the database (docs/performance.md, "Start"). Not next-auth: it
   * imports "next/server" without an extension, which Node.js cannot resolve outside the bundle.
   */
  serverExternalPackages: [
    "@electric-sql/pglite",
    "@node-rs/argon2",
    "postgres",
    "rate-limiter-flexible",
    "drizzle-orm",
    "zod",
    "@zxcvbn-ts/core",
    "@zxcvbn-ts/language-common",
    "@zxcvbn-ts/language-en",
    "@react-email/components",
    "resend",
    "@auth/core",
    "jose",
  ],
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      ...["/login", "/forgot-password", "/reset-password", "/prerendered/:path*", "/profile", "/admin/:path*", "/store/:path*", "/api/:path*", "/dev/:path*"].map(
        (source) => ({ source, headers: noStore }),
      ),
    ];
  },
};

export default nextConfig;
