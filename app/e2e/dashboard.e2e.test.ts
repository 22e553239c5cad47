/**
 * End to end in real Chromium: the whole system (local stack, Discord simulator, the Worker in
 * workerd serving the built dashboard, the gateway shard) driven the way an admin uses it.
 * Screenshots land in test-artifacts/dashboard/.
 */
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFullSystem, type FullSystem } from '@edge/dev/testing';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SHOTS = `${ROOT}test-artifacts/dashboard/`;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let sys: FullSystem;
let browser: Browser;
let page: Page;
let guildId: string;
let joinerId: string;
/** API calls the browser made (the Worker allows 120 a minute per user: keep the suite under it). */
let apiCalls = 0;
const rateLimited: string[] = [];

const VIEW = 1n << 10n;
const SEND = 1n << 11n;
const ATTACH = 1n << 15n;
const channelByName = (name: string) =>
  Object.values(sys.sim.state.data.channels).find((c) => 'guild_id' in c && c.guild_id === guildId && c.name === name)!;
const roleByName = (name: string) => sys.sim.state.roles.list(guildId).find((r) => r.name === name)!;
/** In-app navigation through the sidebar, as an admin clicks (no full reload). */
const nav = (name: string | RegExp) => page.getByRole('navigation', { name: 'Guild navigation' }).getByRole('link', { name }).click();

/** Polls patiently: CI machines are slow and shared. */
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 20_000, interval: 100 });

const shot = (name: string) => page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  sys = await startFullSystem();
  guildId = sys.sim.guildId;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  page.setDefaultTimeout(20_000);
  page.on('request', (r) => { if (new URL(r.url()).pathname.startsWith('/api/')) apiCalls++; });
  page.on('response', (r) => { if (r.status() === 429) rateLimited.push(r.url()); });
}, 240_000);

afterAll(async () => {
  console.log(`e2e: ${apiCalls} API calls from the browser${rateLimited.length ? `; rate limited: ${rateLimited.join(', ')}` : ''}`);
  await browser?.close();
  await sys?.stop();
});

describe.sequential('dashboard', () => {
  it('logs in through the simulator and opens the demo guild', async () => {
    await page.goto(sys.publicUrl);
    await page.getByTestId('login').click();
    await page.waitForURL(/\/oauth2\/authorize/);
    await shot('01-consent');
    await page.locator('#authorize').click();
    await page.waitForURL(`${sys.publicUrl}/guilds`);
    await poll(() => page.getByTestId('open-guild').count()).toBeGreaterThan(0);
    await shot('02-guilds');
    await page.goto(`${sys.publicUrl}/guilds/${guildId}`);
    await poll(() => page.getByText('Live connected').count()).toBe(1);
    await shot('03-overview');
  });

  it('turns Welcome on, configures it and shows the preview', async () => {
    await nav('Modules');
    const card = page.getByTestId('module-welcome');
    await card.getByRole('switch').click();
    await poll(() => card.getByRole('switch').getAttribute('aria-checked')).toBe('true');
    await card.getByText('Settings →').click();
    const channel = sys.sim.state.data.channels;
    const welcomeChannel = Object.values(channel).find((c) => 'guild_id' in c && c.guild_id === guildId && c.name === 'welcome')!;
    // The channel picker is searched by name and shows names, never the id.
    await page.locator('#f-channelId').fill('welc');
    await page.getByRole('option', { name: '#welcome' }).click();
    await poll(() => page.locator(`[data-value="${welcomeChannel.id}"]`).innerText()).toContain('#welcome');
    await page.locator('#f-message').fill('Hello {user}, welcome to **{server}**! You are #{memberCount}.');
    const preview = page.getByTestId('preview');
    await poll(() => preview.innerText()).toContain('Hello @New Member, welcome to');
    expect(await preview.locator('strong').first().innerText()).toBe(sys.sim.state.guild(guildId).name);
    await shot('04-welcome-editor');
    await page.getByTestId('save').click();
    await poll(() => page.getByText('Settings saved').count()).toBeGreaterThan(0);
  });

  it('shows a simulated member joining in the live feed and welcomes them', async () => {
    await nav('Overview');
    await poll(() => page.getByText('Live connected').count()).toBe(1);
    const user = sys.sim.state.users.create({ username: 'e2e_joiner' });
    joinerId = user.id;
    sys.sim.state.members.add(guildId, user.id, {});
    const feed = page.getByTestId('feed');
    await poll(() => feed.innerText().catch(() => '')).toContain('e2e_joiner');
    await shot('05-live-feed');
    const welcome = Object.values(sys.sim.state.data.channels).find((c) => 'guild_id' in c && c.guild_id === guildId && c.name === 'welcome')!;
    await poll(() => sys.sim.state.data.messages[welcome.id]!.some((m) => m.content.includes(`<@${user.id}>`))).toBe(true);
  });

  it('bans a member through the confirmation dialog', async () => {
    await nav('Members');
    await page.getByLabel('Search members').fill('e2e_joiner');
    await poll(() => page.getByTestId('member-row').count()).toBe(1);
    const row = page.locator(`[data-member-id="${joinerId}"]`);
    await row.getByTestId('ban').click();
    await page.locator('#confirm-reason').fill('e2e: spam');
    await shot('06-ban-dialog');
    await page.getByTestId('confirm').click();
    await poll(() => sys.sim.state.bans.list(guildId).some((b) => b.user.id === joinerId)).toBe(true);
    await poll(() => row.count()).toBe(0);
  });

  it('rolls back a config revision', async () => {
    await nav(/Welcome/);
    await page.locator('#f-message').fill('Second version for {user}');
    await page.getByTestId('save').click();
    await poll(() => page.getByText('Settings saved').count()).toBeGreaterThan(0);
    const revisions = page.getByTestId('revisions').locator('li');
    // Revisions (newest first): enabled, first save, second save. Roll back to the first save.
    await poll(() => revisions.count()).toBe(3);
    await revisions.nth(1).getByRole('button', { name: 'Roll back to this' }).click();
    await shot('07-rollback-dialog');
    await page.getByTestId('confirm').click();
    await poll(() => page.locator('#f-message').inputValue()).toContain('Hello {user}, welcome to');
    await shot('08-after-rollback');
  });
  it('edits a channel permission overwrite and sees it in Discord', async () => {
    await nav('Channels');
    await page.getByTestId('type-2').click();
    await poll(() => page.getByTestId('channel-row').count()).toBe(3);
    await shot('09a-channels-voice');
    await page.getByRole('button', { name: /^All/ }).click();
    const general = channelByName('general');
    const events = roleByName('Events');
    await page.getByTestId('channel-row').filter({ has: page.locator('.name', { hasText: /^general$/ }) }).getByTestId('channel-permissions').click();
    await page.waitForURL(`**/channels/${general.id}`);
    await page.locator('#add-role').selectOption(events.id);
    await page.locator('[data-perm="Send Messages"] label.deny').click();
    await page.locator('[data-perm="Attach Files"] label.allow').click();
    // Keyboard: the View Channel radios move with the arrow keys like any radio group.
    await page.locator('[data-perm="View Channel"] input[value="inherit"]').focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.locator('[data-perm="View Channel"]').getAttribute('data-state')).toBe('allow');
    await shot('09-channel-permissions');
    await page.getByTestId('save-overwrite').click();
    const overwrite = () => (sys.sim.state.data.channels[general.id] as { permission_overwrites?: { id: string; allow: string; deny: string }[] }).permission_overwrites?.find((o) => o.id === events.id);
    await poll(() => overwrite()).toMatchObject({ allow: String(VIEW | ATTACH), deny: String(SEND) });
    // And removing it, through the confirmation.
    await page.getByTestId('delete-overwrite').click();
    await page.getByTestId('confirm').click();
    await poll(() => overwrite()).toBeUndefined();
  });

  /** A demo member: `name` to search by (username), `display` as the dashboard shows them. */
  let target: { id: string; name: string; display: string };
  it('gives a member a role from the member page', async () => {
    const events = roleByName('Events');
    const m = sys.sim.state.members.list(guildId, 100).find((x) => x.user_id !== sys.sim.state.guild(guildId).owner_id && !x.roles.includes(events.id) && !sys.sim.state.users.get(x.user_id).bot)!;
    const user = sys.sim.state.users.get(m.user_id);
    target = { id: m.user_id, name: user.username, display: m.nick ?? user.global_name ?? user.username };
    await nav('Members');
    await page.getByLabel('Search members').fill(target.name);
    await poll(() => page.getByTestId('member-row').count()).toBe(1);
    await page.getByTestId('member-link').click();
    await page.waitForURL(`**/members/${target.id}`);
    await poll(() => page.getByTestId('member-stats').innerText()).toContain('Turn on Stats');
    await page.locator('#add-role').selectOption(events.id);
    await poll(() => sys.sim.state.guild(guildId).members[target.id]!.roles.includes(events.id)).toBe(true);
    await poll(() => page.getByTestId('member-roles').locator(`[data-role-id="${events.id}"]`).count()).toBe(1);
    // Admin sits above the bot's role: Discord refuses, the optimistic chip goes away and a toast says why.
    const admin = roleByName('Admin');
    await page.locator('#add-role').selectOption(admin.id);
    await poll(() => page.getByText(/refused by Discord: the bot's highest role/).count()).toBe(1);
    await poll(() => page.getByTestId('member-roles').locator(`[data-role-id="${admin.id}"]`).count()).toBe(0);
    expect(sys.sim.state.guild(guildId).members[target.id]!.roles).not.toContain(admin.id);
    await shot('10-member-detail');
  });

  it('opens the stats dashboard after enabling Stats and follows the leaderboard', async () => {
    await nav(/Stats/);
    await poll(() => page.getByTestId('stats-off').count()).toBe(1);
    await page.getByRole('switch', { name: 'Enable Stats' }).click();
    await poll(() => page.getByTestId('stats-dashboard').count()).toBe(1);
    // Activity from two members, counted through the shard and the ingest.
    const general = channelByName('general').id;
    const other = sys.sim.state.members.list(guildId, 100).find((x) => x.user_id !== target.id && !sys.sim.state.users.get(x.user_id).bot)!.user_id;
    for (let i = 0; i < 3; i++) sys.sim.state.messages.create(general, { authorId: target.id, content: `stats ${i}` });
    sys.sim.state.messages.create(general, { authorId: other, content: 'stats other' });
    // Watched in Postgres, not through the API: polling there would spend the admin's rate limit.
    const db = new pg.Client({ connectionString: sys.stack.databaseUrl });
    await db.connect();
    try {
      const counted = () => db.query('SELECT coalesce(sum(messages), 0)::int AS n FROM stats_member_totals WHERE guild_id = $1', [guildId]).then((r) => r.rows[0].n as number);
      await expect.poll(counted, { timeout: 20_000, interval: 250 }).toBeGreaterThanOrEqual(4);
    } finally {
      await db.end();
    }
    // A period change refetches every figure.
    await page.getByTestId('stats-dashboard').getByRole('button', { name: '24 h' }).click();
    const board = page.getByTestId('leaderboard');
    // (When the board is not there yet, the whole dashboard's text is what the failure shows.)
    await poll(() => board.locator('li a').first().innerText({ timeout: 500 }).catch(() => page.getByTestId('stats-dashboard').innerText())).toBe(target.display);
    // The overview is its own request: its tile shows the previous period's figure until it answers.
    await poll(() => page.getByTestId('tile-messages').locator('strong').innerText({ timeout: 500 }).then(Number).catch(() => 0)).toBeGreaterThanOrEqual(4);
    await poll(() => page.getByTestId('timeline').locator('svg path').count()).toBeGreaterThan(0);
    await shot('11-stats-dashboard');
    await page.getByRole('tab', { name: 'Voice' }).click();
    await page.keyboard.press('ArrowLeft');
    await poll(() => page.getByRole('tab', { name: 'Messages' }).getAttribute('aria-selected')).toBe('true');
    await board.locator('li a').first().click();
    await page.waitForURL(`**/members/${target.id}`);
    await poll(() => page.getByTestId('member-rank').innerText()).toBe('#1');
  });

  it('grants dashboard access and shows the plan', async () => {
    await nav('Access & plan');
    await poll(() => page.getByTestId('plan-table').locator('tbody tr').count()).toBeGreaterThan(0);
    await page.locator('#g-user').fill(target.id);
    await page.locator('#g-level').selectOption('edit');
    await page.getByTestId('add-grant').click();
    const row = page.locator(`[data-testid="grant-row"][data-user-id="${target.id}"]`);
    await poll(() => row.innerText().catch(() => '')).toContain(target.display);
    await shot('12-access');
    await row.getByRole('button', { name: 'Remove' }).click();
    await page.getByTestId('confirm').click();
    await poll(() => row.count()).toBe(0);
  });

  it('filters the audit log by actor and exports it', async () => {
    await nav('Audit log');
    await poll(() => page.getByTestId('audit-table').locator('tbody tr').count()).toBeGreaterThan(3);
    await page.getByTestId('actor-filter').selectOption(sys.sim.state.guild(guildId).owner_id);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toBe('id,createdAt,actorId,actorName,action,targetType,targetId,details');
    expect(csv).toContain('channel.overwrite_set');
    expect(csv).toContain('member.role_add');
    await shot('13-audit-log');
  });

  it('renders in the light theme and on a phone', async () => {
    await page.getByTestId('audit-table').getByRole('link', { name: target.display, exact: true }).first().click();
    await page.waitForURL(`**/members/${target.id}`);
    await page.getByRole('button', { name: 'Switch to light theme' }).click();
    await poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    await poll(() => page.getByTestId('member-rank').count()).toBe(1);
    await shot('14-light-member');
    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('button', { name: 'Menu' }).click();
    // The drawer slides in (0.2 s): shoot once it is all there.
    await poll(async () => (await page.getByRole('navigation', { name: 'Guild navigation' }).boundingBox())?.x).toBe(0);
    await shot('15-mobile-menu');
    await nav('Channels');
    await page.getByTestId('channel-row').filter({ has: page.locator('.name', { hasText: /^mod-log$/ }) }).getByTestId('channel-permissions').click();
    await poll(() => page.getByTestId('overwrite').count()).toBe(2);
    await shot('16-mobile-permissions');
    await page.setViewportSize({ width: 1280, height: 900 });
  });
});
