/**
 * End to end in real Chromium (issue 11, dashboard side): the instance's free-tier meter on
 * Access & plan, the set-aside events of a server with their retry, and the live socket that
 * replaces polling (the bot's status is pushed when the shard drops; the fallback poll runs only
 * while the socket is down). Screenshots land in test-artifacts/free-tier/.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFullSystem, type FullSystem } from '@edge/dev/testing';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SHOTS = `${ROOT}test-artifacts/free-tier/`;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let sys: FullSystem;
let browser: Browser;
let page: Page;
let guildId: string;
/** Paths of the API requests the page made, in order. */
const requests: string[] = [];
/** Text frames the page sent on its hub sockets. */
const sentFrames: string[] = [];

const poll = <T>(fn: () => Promise<T> | T, timeout = 20_000) => expect.poll(fn, { timeout, interval: 100 });
const nav = (name: string | RegExp) => page.getByRole('navigation', { name: 'Guild navigation' }).getByRole('link', { name }).click();
const shot = (name: string) => page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  // The simulator's owner logs in and is the instance's owner: the meter is theirs to see.
  sys = await startFullSystem({ vars: (sim) => ({ BOT_OWNER_IDS: sim.owner.id }) });
  guildId = sys.sim.guildId;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(20_000);
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith('/api/')) requests.push(path);
  });
  page.on('websocket', (ws) => ws.on('framesent', (f) => sentFrames.push(String(f.payload))));
  await page.goto(sys.publicUrl);
  await page.getByTestId('login').click();
  await page.waitForURL(/\/oauth2\/authorize/);
  await page.locator('#authorize').click();
  await page.waitForURL(`${sys.publicUrl}/guilds`);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await sys?.stop();
});

describe.sequential('free tier (dashboard)', () => {
  it('shows the instance meter on Access & plan: a bar and the headroom per quota', async () => {
    await page.goto(`${sys.publicUrl}/guilds/${guildId}/access`);
    const meter = page.getByTestId('usage-meter');
    await poll(() => meter.getByTestId('quota').count()).toBe(7);
    const ids = await meter.getByTestId('quota').evaluateAll((els) => els.map((e) => e.getAttribute('data-quota')));
    expect(ids).toEqual(['worker_requests', 'do_requests', 'do_rows_written', 'do_rows_read', 'neon_awake_minutes', 'neon_storage_mb', 'upstash_commands']);
    // This session's own requests are in today's count, against the 100,000 a day of Workers Free.
    const requestsBar = meter.locator('[data-quota="worker_requests"] [role="meter"]');
    expect(Number(await requestsBar.getAttribute('aria-valuenow'))).toBeGreaterThan(0);
    expect(Number(await requestsBar.getAttribute('aria-valuemax'))).toBe(100_000);
    await poll(() => meter.locator('[data-quota="worker_requests"]').getByTestId('headroom').innerText()).toMatch(/left \(\d+(\.\d)?%\)/);
    // Postgres was queried (login, grants): Neon's estimated awake time and its measured storage show.
    expect(Number(await meter.locator('[data-quota="neon_awake_minutes"] [role="meter"]').getAttribute('aria-valuenow'))).toBeGreaterThan(0);
    expect(Number(await meter.locator('[data-quota="neon_storage_mb"] [role="meter"]').getAttribute('aria-valuenow'))).toBeGreaterThan(0);
    await shot('01-meter');
    // On a phone the card fits the width (notes wrap under the bars).
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await poll(() => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await shot('01-meter-phone');
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  it('lists set-aside events without their content and retries one after a confirmation', async () => {
    const db = new pg.Client({ connectionString: sys.stack.databaseUrl });
    await db.connect();
    try {
      for (const [id, type, error] of [['dl:1', 'MESSAGE_CREATE', 'unsupported Unicode escape sequence'], ['dl:2', 'GUILD_MEMBER_ADD', 'welcome handler failed 5 times']]) {
        await db.query(`INSERT INTO dead_letters (event_id, guild_id, type, payload, error, stage) VALUES ($1, $2, $3, $4, $5, 'process')`, [
          id, guildId, type, JSON.stringify({ id, guild_id: guildId, content: 'a private message nobody should see' }), error,
        ]);
      }
      await nav('Processing');
      const card = page.getByTestId('dead-letters');
      await poll(() => card.getByTestId('dead-letter').count()).toBe(2);
      const text = await card.innerText();
      expect(text).toContain('Message create');
      expect(text).toContain('unsupported Unicode escape sequence');
      expect(text).toContain('Guild member add');
      expect(text).not.toContain('a private message');
      await shot('02-dead-letters');

      // Retry asks first; Cancel leaves it alone.
      const row = card.getByTestId('dead-letter').filter({ hasText: 'Message create' });
      await row.getByRole('button', { name: 'Retry' }).click();
      const dialog = page.getByRole('dialog', { name: 'Retry this event?' });
      await poll(() => dialog.isVisible()).toBe(true);
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      expect(await card.getByTestId('dead-letter').count()).toBe(2);
      await row.getByRole('button', { name: 'Retry' }).click();
      await dialog.getByTestId('confirm').click();
      await poll(() => card.getByTestId('dead-letter').count()).toBe(1);
      const back = await db.query('SELECT retried_at FROM dead_letters WHERE event_id = $1', ['dl:1']);
      expect(back.rows[0].retried_at).not.toBeNull();

      await card.getByTestId('dead-letter').getByRole('button', { name: 'Retry' }).click();
      await dialog.getByTestId('confirm').click();
      await poll(() => card.getByText('Nothing set aside').count()).toBe(1);
    } finally {
      await db.end();
    }
  });

  it('keeps the bot status live without polling: the drop of the shard is pushed', async () => {
    await nav('Overview');
    const status = page.getByTestId('status');
    await poll(() => status.innerText()).toMatch(/Live connected[\s\S]*Bot online/);
    const before = requests.length;
    sentFrames.length = 0;
    await sys.shard!.stop(1_000);
    await poll(() => status.innerText()).toContain('Bot offline');
    // Pushed by the hub: the page asked nothing, over HTTP or on its socket.
    expect(requests.slice(before).filter((p) => p.endsWith('/live'))).toEqual([]);
    expect(sentFrames.filter((f) => f.includes('status'))).toEqual([]);
    await shot('03-bot-offline');
  });

  it('falls back to reading the live figures while the socket is down', async () => {
    // Every new hub socket is refused from now on: the page must poll until it comes back.
    await page.routeWebSocket(/\/ws$/, (ws) => ws.close());
    await page.reload();
    await poll(() => page.getByTestId('status').innerText()).toContain('Live closed');
    await poll(() => requests.filter((p) => p === `/api/guilds/${guildId}/live`).length, 35_000).toBeGreaterThan(0);
    await poll(() => page.getByTestId('status').innerText()).toContain('Bot offline');
  }, 60_000);
});
