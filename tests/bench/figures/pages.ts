import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import type { Browser, Page } from "@playwright/test";

export type PageWeight = {
  path: string;
  present: boolean;
  /** Gzipped JavaScript loaded before any interaction (until load, then the network idles). */
  jsGzipBytes: number;
  scripts: { url: string; bytes: number; gzipBytes: number; zxcvbn: boolean }[];
  firstPaintMs: number | null;
  /** The zxcvbn dictionaries: when they started loading (ms after navigation), or null if never. */
  zxcvbnStartMs: number | null;
  zxcvbnGzipBytes: number;
  /** True when the dictionaries only came after the user typed (not before interaction). */
  zxcvbnAfterTyping: boolean;
};

/** The pages the issue weighs (the storefront login counts once a branch adds it), and the one with a meter. */
export const WEIGHED_PAGES = ["/login", "/forgot-password", "/store/demo/login"];
export const METER_PAGE = "/reset-password";

/**
 * Distinctive runs of the dictionaries' compressed word lists, read from the installed
 * packages, so a chunk holding them is recognised whatever the bundler names it.
 */
export function zxcvbnMarkers(root = process.cwd()): string[] {
  const files = [
    "@zxcvbn-ts/language-common/dist/passwords.json.mjs",
    "@zxcvbn-ts/language-en/dist/commonWords.json.mjs",
    "@zxcvbn-ts/language-en/dist/lastnames.json.mjs",
    "@zxcvbn-ts/language-en/dist/wikipedia.json.mjs",
  ];
  const markers: string[] = [];
  for (const file of files) {
    const full = path.join(root, "node_modules", file);
    if (!existsSync(full)) continue;
    const literal = /decompress\("([^"]{400,})/.exec(readFileSync(full, "utf8"))?.[1];
    const window = literal?.slice(200).match(/[A-Za-z0-9]{40}/)?.[0];
    if (window) markers.push(window);
  }
  if (markers.length === 0) throw new Error("could not read the zxcvbn dictionaries to recognise their chunks");
  return markers;
}

/** Debian's chromium (or CHROMIUM_PATH), as the e2e tests use it. */
export function chromiumPath(): string | undefined {
  for (const candidate of [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"]) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  return undefined;
}

export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import("@playwright/test");
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** Loads `pagePath` in a fresh context and weighs the JavaScript it fetches without interaction. */
export async function weighPage(browser: Browser, baseUrl: string, pagePath: string, markers: string[]): Promise<PageWeight> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const scripts: PageWeight["scripts"] = [];
  const pending: Promise<void>[] = [];
  page.on("response", (response) => {
    if (response.request().resourceType() !== "script") return;
    pending.push(
      response.body().then(
        (body) => {
          const text = body.toString("utf8");
          scripts.push({
            url: response.url(),
            bytes: body.length,
            gzipBytes: gzipSync(body).length,
            zxcvbn: markers.some((m) => text.includes(m)),
          });
        },
        () => undefined,
      ),
    );
  });
  try {
    const response = await page.goto(baseUrl + pagePath, { waitUntil: "load" });
    if (!response || response.status() === 404) {
      return {
        path: pagePath,
        present: false,
        jsGzipBytes: 0,
        scripts: [],
        firstPaintMs: null,
        zxcvbnStartMs: null,
        zxcvbnGzipBytes: 0,
        zxcvbnAfterTyping: false,
      };
    }
    if (response.status() !== 200) throw new Error(`${pagePath} answered ${response.status()}`);
    await page.waitForLoadState("networkidle");
    // Scripts a page starts itself after paint (a dynamic import in an effect) come a tick later.
    await page.waitForTimeout(1000);
    await page.waitForLoadState("networkidle");
    await Promise.all(pending);
    const beforeInteraction = [...scripts];
    const timing = await resourceTiming(page);
    let zxcvbnAfterTyping = false;
    if (pagePath === METER_PAGE && !beforeInteraction.some((s) => s.zxcvbn)) {
      // Not loaded yet: see whether typing a password brings the dictionaries (the meter needs them).
      await page.locator('input[type="password"]').first().fill("a");
      await page.waitForTimeout(500);
      await page.waitForLoadState("networkidle");
      await Promise.all(pending);
      zxcvbnAfterTyping = scripts.some((s) => s.zxcvbn);
    }
    const after = await resourceTiming(page);
    const dictionaries = scripts.filter((s) => s.zxcvbn);
    const starts = dictionaries.map((s) => after.resources.get(s.url) ?? Number.NaN).filter(Number.isFinite);
    return {
      path: pagePath,
      present: true,
      jsGzipBytes: beforeInteraction.reduce((sum, s) => sum + s.gzipBytes, 0),
      scripts: beforeInteraction,
      firstPaintMs: timing.firstPaint,
      zxcvbnStartMs: starts.length ? Math.min(...starts) : null,
      zxcvbnGzipBytes: dictionaries.reduce((sum, s) => sum + s.gzipBytes, 0),
      zxcvbnAfterTyping,
    };
  } finally {
    await context.close();
  }
}

async function resourceTiming(page: Page): Promise<{ firstPaint: number | null; resources: Map<string, number> }> {
  const raw = await page.evaluate(() => ({
    paint: performance.getEntriesByType("paint").map((p) => [p.name, p.startTime] as const),
    resources: performance.getEntriesByType("resource").map((r) => [r.name, r.startTime] as const),
  }));
  const paint = raw.paint.find(([name]) => name === "first-paint") ?? raw.paint[0];
  return { firstPaint: paint ? paint[1] : null, resources: new Map(raw.resources) };
}
