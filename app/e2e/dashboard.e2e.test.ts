/**
 * End to end in real Chromium: the whole system (local stack, Discord simulator, the Worker in
 * workerd serving the built dashboard, the gateway shard) driven the way an admin uses it.
 * Screenshots land in test-artifacts/dashboard/.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
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

/** Polls patiently: CI machines are slow and shared. */
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 20_000, interval: 100 });

const shot = (name: string) => page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });

beforeAll(async () => {
  if (!existsSync(`${ROOT}app/build/index.html`) || existsSync(`${ROOT}app/build/.placeholder`)) {
    execFileSync('npm', ['run', 'build', '-w', 'app'], { cwd: ROOT, stdio: 'ignore' });
  }
  mkdirSync(SHOTS, { recursive: true });
  sys = await startFullSystem();
  guildId = sys.sim.guildId;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(20_000);
}, 240_000);

afterAll(async () => {
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
    await page.goto(`${sys.publicUrl}/guilds/${guildId}/modules`);
    const card = page.getByTestId('module-welcome');
    await card.getByRole('switch').click();
    await poll(() => card.getByRole('switch').getAttribute('aria-checked')).toBe('true');
    await card.getByText('Settings →').click();
    const channel = sys.sim.state.data.channels;
    const welcomeChannel = Object.values(channel).find((c) => 'guild_id' in c && c.guild_id === guildId && c.name === 'welcome')!;
    await page.locator('#f-channelId').selectOption(welcomeChannel.id);
    await page.locator('#f-message').fill('Hello {user}, welcome to **{server}**! You are #{memberCount}.');
    const preview = page.getByTestId('preview');
    await poll(() => preview.innerText()).toContain('Hello @New Member, welcome to');
    expect(await preview.locator('strong').first().innerText()).toBe(sys.sim.state.guild(guildId).name);
    await shot('04-welcome-editor');
    await page.getByTestId('save').click();
    await poll(() => page.getByText('Settings saved').count()).toBeGreaterThan(0);
  });

  it('shows a simulated member joining in the live feed and welcomes them', async () => {
    await page.goto(`${sys.publicUrl}/guilds/${guildId}`);
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
    await page.goto(`${sys.publicUrl}/guilds/${guildId}/members`);
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
    await page.goto(`${sys.publicUrl}/guilds/${guildId}/modules/welcome`);
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
});
