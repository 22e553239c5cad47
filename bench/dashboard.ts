/**
 * Dashboard first-load weight: serves the built SPA (app/build) from a local server, opens the
 * overview page in real Chromium and adds up the gzip size of every JS and CSS file it loads.
 * API calls answer with empty data so the page renders as it would for a real guild.
 */
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import type { Figure } from './run';

const BUILD = fileURLToPath(new URL('../app/build/', import.meta.url));
const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html', '.json': 'application/json', '.svg': 'image/svg+xml' };

const FAKE_API: Record<string, unknown> = {
  '/api/me': { id: '1', username: 'admin', globalName: 'Admin', avatar: null, isInstanceOwner: false },
  '/api/guilds/1': { id: '1', name: 'Demo', icon: null, ownerId: '1', memberCount: 50, plan: 'free', channelCount: 10, roleCount: 5, access: 'owner' },
  '/api/guilds/1/modules': { modules: [] },
};

/** Runs the measure `runs` times and keeps the median. */
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * `dashboard.cold_load_ms`: from navigation start to the guild overview's first meaningful paint
 * (its heading, the guild's name and the member count on screen), in a fresh browser context each
 * time (cold HTTP cache), median of 5. Target: under 1,500 ms.
 */
async function coldLoad(browser: Browser, url: string, runs = 5): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(url, { waitUntil: 'commit' });
      // (A string: this file is typed for Node, the check runs in the page.)
      await page.waitForFunction(
        `document.querySelector('h1')?.textContent === 'Overview' && document.querySelector('.gname strong')?.textContent === 'Demo' && [...document.querySelectorAll('[data-testid="kpi"]')].some((k) => k.textContent === '50')`,
        undefined,
        { timeout: 30_000, polling: 'raf' },
      );
      times.push((await page.evaluate('performance.now()')) as number);
    } finally {
      await context.close();
    }
  }
  return times;
}

/** Measures `dashboard.first_load_gzip_kb` (target ≤ 150) and `dashboard.cold_load_ms` (target < 1,500). */
export async function runDashboardBench(): Promise<Record<string, Figure>> {
  await stat(join(BUILD, 'index.html')).catch(() => {
    throw new Error('app/build is missing: run `npm run build -w app` first');
  });
  const server = createServer((req, res) => void (async () => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path.startsWith('/api/')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify(FAKE_API[path] ?? {}));
    }
    const file = normalize(join(BUILD, path));
    const target = file.startsWith(BUILD) && (await stat(file).then((s) => s.isFile(), () => false)) ? file : join(BUILD, 'index.html');
    res.writeHead(200, { 'content-type': TYPES[extname(target)] ?? 'application/octet-stream' });
    res.end(await readFile(target));
  })().catch((err: unknown) => {
    // An exception would otherwise leave the request hanging and the rejection unhandled.
    console.error(err);
    res.destroy();
  }));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    const urls = new Set<string>();
    page.on('requestfinished', (r) => {
      const t = r.resourceType();
      if (t === 'script' || t === 'stylesheet') urls.add(new URL(r.url()).pathname);
    });
    await page.goto(`http://127.0.0.1:${port}/guilds/1`, { waitUntil: 'networkidle' });
    let js = 0;
    let css = 0;
    for (const u of urls) {
      const size = gzipSync(await readFile(join(BUILD, u)), { level: 9 }).length;
      if (u.endsWith('.css')) css += size;
      else js += size;
    }
    const kb = (n: number) => Math.round((n / 1024) * 10) / 10;
    const cold = await coldLoad(browser, `http://127.0.0.1:${port}/guilds/1`);
    return {
      'dashboard.cold_load_ms': { value: Math.round(median(cold)), unit: 'ms' },
      'dashboard.first_load_gzip_kb': { value: kb(js + css), unit: 'KB' },
      'dashboard.first_load_js_gzip_kb': { value: kb(js), unit: 'KB' },
      'dashboard.first_load_css_gzip_kb': { value: kb(css), unit: 'KB' },
      'dashboard.first_load_files': { value: urls.size, unit: 'files' },
    };
  } finally {
    await browser.close();
    server.close();
  }
}
