/**
 * End to end in real Chromium: the whole system (local stack, Discord simulator, the Worker in
 * workerd serving the built dashboard, the gateway shard) driven the way an admin uses it.
 * Screenshots land in test-artifacts/dashboard/.
 */
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
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
    // The channel picker is searched by name and shows names, never the id. #mod-log is hidden
    // from everyone but Moderators, the bot included: picking it warns before saving.
    await page.locator('#f-channelId').fill('mod-l');
    await page.getByRole('option', { name: /#mod-log/ }).click();
    await poll(() => page.getByTestId('bot-blind-warning').innerText()).toContain('The bot can’t see #mod-log');
    await page.getByRole('button', { name: /Remove #mod-log/ }).click();
    await page.locator('#f-channelId').fill('welc');
    await page.getByRole('option', { name: '#welcome' }).click();
    await poll(() => page.locator(`[data-value="${welcomeChannel.id}"]`).innerText()).toContain('#welcome');
    await poll(() => page.getByTestId('bot-blind-warning').count()).toBe(0);
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
    // The Staff channels deny View Channel to @everyone and allow only Moderators: the bot cannot see them, and the list says so.
    const rowNamed = (name: string) => page.getByTestId('channel-row').filter({ has: page.locator('.name', { hasText: new RegExp(`^${name}$`) }) });
    await poll(() => rowNamed('mod-log').getByTestId('bot-blind').count()).toBe(1);
    expect(await rowNamed('mod-log').getByTestId('bot-blind').getAttribute('title')).toMatch(/allow View Channel for the bot’s role/);
    expect(await rowNamed('general').getByTestId('bot-blind').count()).toBe(0);
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
    // Admin sits above the bot's role: Discord would refuse, so it is not offered at all.
    const admin = roleByName('Admin');
    expect(await page.locator(`#add-role option[value="${admin.id}"]`).count()).toBe(0);
    await shot('10-member-detail');
  });

  it('does not offer Kick or Ban on the server owner, and says why', async () => {
    const ownerId = sys.sim.state.guild(guildId).owner_id;
    await nav('Members');
    await page.getByLabel('Search members').fill('demo_owner');
    await poll(() => page.getByTestId('member-row').count()).toBe(1);
    await poll(() => page.getByTestId('member-row').getByTestId('ban').isDisabled()).toBe(true);
    await page.getByTestId('member-link').click();
    await page.waitForURL(`**/members/${ownerId}`);
    await poll(() => page.getByTestId('action-blocked').innerText()).toContain('server owner');
    expect(await page.getByTestId('ban').isDisabled()).toBe(true);
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
    // A cloned channel shares its name, and a member shares a display name: both still list (keyed by id).
    const twinId = await page.evaluate(async ([g, c]) => {
      const res = await fetch(`/api/guilds/${g}/channels/${c}/clone`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      return ((await res.json()) as { id: string }).id;
    }, [guildId, general]);
    sys.sim.state.messages.create(twinId, { authorId: other, content: 'in the clone' });
    // The hub counts them and flushes to Postgres only at the hourly aligned time: the API adds
    // what the hub has not flushed yet, so the figures are live. Polled once a second (the
    // admin's API rate limit is per minute).
    const counted = () => page.evaluate(async (g) => {
      const res = await fetch(`/api/guilds/${g}/modules/stats/overview?days=1`);
      return res.ok ? ((await res.json()) as { overview: { messages: number } }).overview.messages : 0;
    }, guildId);
    await expect.poll(counted, { timeout: 20_000, interval: 1_000 }).toBeGreaterThanOrEqual(5);
    // A period change refetches every figure.
    await page.getByTestId('stats-dashboard').getByRole('button', { name: '24 h' }).click();
    const board = page.getByTestId('leaderboard');
    // (When the board is not there yet, the whole dashboard's text is what the failure shows.)
    await poll(() => board.locator('li a').first().innerText({ timeout: 500 }).catch(() => page.getByTestId('stats-dashboard').innerText())).toBe(target.display);
    // The overview is its own request: its tile shows the previous period's figure until it answers.
    await poll(() => page.getByTestId('tile-messages').locator('strong').innerText({ timeout: 500 }).then(Number).catch(() => 0)).toBeGreaterThanOrEqual(4);
    await poll(() => page.getByTestId('timeline').locator('svg path').count()).toBeGreaterThan(0);
    await poll(() => page.getByTestId('stats-dashboard').locator('.bars .label', { hasText: /^#general$/ }).count()).toBe(2);
    await shot('11-stats-dashboard');
    await page.getByRole('tab', { name: 'Voice' }).click();
    await page.keyboard.press('ArrowLeft');
    await poll(() => page.getByRole('tab', { name: 'Messages' }).getAttribute('aria-selected')).toBe('true');
    await board.locator('li a').first().click();
    await page.waitForURL(`**/members/${target.id}`);
    await poll(() => page.getByTestId('member-rank').innerText()).toBe('#1');
    // The member page charts their days and lists the role given earlier.
    await poll(() => page.getByTestId('member-chart').locator('svg path').count()).toBeGreaterThan(0);
    await poll(() => page.getByTestId('role-history').innerText()).toContain('@Events');
  });

  it('runs /stats in the simulator\'s demo client and sees the bot\'s reply', async () => {
    // Loaded by URL: the Worker's code is typed for workerd, not for this browser test's project.
    const registerScript = new URL('../../workers/scripts/register.ts', import.meta.url).href;
    const { commandBodies } = (await import(registerScript)) as { commandBodies: () => unknown[] };
    const res = await fetch(`${sys.sim.api}/v10/applications/${sys.sim.application.id}/guilds/${guildId}/commands`, {
      method: 'PUT',
      headers: { authorization: `Bot ${sys.sim.application.botToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(commandBodies()),
    });
    expect(res.status).toBe(200);
    const client = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    client.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    try {
      await client.goto(sys.sim.url);
      await expect.poll(() => client.locator('#live').innerText(), { timeout: 20_000 }).toContain('live');
      await client.locator('[data-channel="bot-commands"]').click();
      await client.getByTestId('composer').fill('/stats');
      await expect.poll(() => client.locator('#picker li').first().innerText(), { timeout: 20_000 }).toContain('/stats');
      await client.getByTestId('composer').press('Enter');
      await client.getByTestId('subcommand').selectOption('server');
      await client.getByTestId('send').click();
      const reply = client.getByTestId('message').filter({ hasText: 'used a command' }).last();
      await expect.poll(() => reply.innerText().catch(() => ''), { timeout: 20_000 }).toContain('Server activity');
      expect(await reply.getByTestId('embed').innerText()).toMatch(/Messages\s+\d/);
      await client.screenshot({ path: `${SHOTS}11b-demo-client-stats.png` });
      expect(errors).toEqual([]);
    } finally {
      await client.close();
    }
  });

  it('grants dashboard access and shows the plan', async () => {
    await nav('Access & plan');
    await poll(() => page.getByTestId('plan-table').locator('tbody tr').count()).toBeGreaterThan(0);
    await page.locator('#g-user').fill(`${target.display} (@${target.name})`);
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
    // Live substring filters: no Enter needed; a filter with no match says so (not "nothing yet").
    await page.getByTestId('action-filter').fill('no-such-action');
    await poll(() => page.getByTestId('no-match').count()).toBe(1);
    await page.getByTestId('action-filter').fill('');
    await page.getByTestId('actor-filter').fill('demo own');
    await page.getByTestId('target-filter').fill('#gen');
    await poll(() => page.getByTestId('audit-table').locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('audit-table').innerText()).toContain('channel.overwrite_set');
    expect(await page.getByTestId('audit-table').innerText()).toMatch(/allow: View Channel/);
    await page.getByTestId('target-filter').fill('');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toBe('id,createdAt,actorId,actorName,action,targetType,targetId,details');
    expect(csv).toContain('channel.overwrite_set');
    expect(csv).toContain('member.role_add');
    await shot('13-audit-log');
    // Discord's own audit log, through GET /guilds/{id}/audit-logs: the ban made earlier is there.
    await page.getByTestId('actor-filter').fill('');
    await page.getByTestId('tab-discord').click();
    await page.getByTestId('action-filter').fill('ban');
    await poll(() => page.getByTestId('audit-table').innerText().catch(() => '')).toContain('member ban add');
    expect(await page.getByTestId('audit-table').innerText()).toContain('e2e: spam');
    await page.getByTestId('view-timeline').click();
    await poll(() => page.getByTestId('audit-timeline').innerText()).toContain('Today');
    await shot('13b-discord-audit-timeline');
    await page.getByTestId('action-filter').fill('');
    await page.getByRole('tab', { name: 'Dashboard' }).click();
    await page.getByRole('button', { name: 'Table' }).click();
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

  it('keeps settings edits behind an unsaved-changes guard and says what a paste cut', async () => {
    await nav(/Welcome/);
    const message = page.locator('#f-message');
    await message.fill('');
    await poll(() => page.getByRole('alert').filter({ hasText: 'Required' }).count()).toBeGreaterThan(0);
    // A 10,000-character paste into a 2,000-character field: what was cut is said, not hidden.
    await message.focus();
    await page.evaluate(() => {
      const el = document.querySelector('#f-message') as HTMLTextAreaElement;
      const data = new DataTransfer();
      data.setData('text/plain', 'y'.repeat(10_000));
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    await poll(() => page.getByTestId('paste-cut').innerText()).toContain('the last 8,000 were cut');
    expect((await message.inputValue()).length).toBe(2_000);
    await poll(() => page.locator('#f-message-count').innerText()).toContain('limit reached');
    // Leaving asks first; Cancel stays with the edits.
    await nav('Members');
    await poll(() => page.getByRole('dialog', { name: 'Leave without saving?' }).isVisible()).toBe(true);
    await shot('17-unsaved-guard');
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    expect(page.url()).toContain('/modules/welcome');
    expect((await message.inputValue()).length).toBe(2_000);
    await nav('Members');
    await page.getByRole('dialog').getByTestId('confirm').click();
    await page.waitForURL('**/members');
  });

  it('lists bans, searches them and unbans after a confirmation', async () => {
    await nav('Bans');
    await page.getByTestId('ban-search').fill('spam');
    const row = page.getByTestId('ban-row').filter({ hasText: 'e2e_joiner' });
    await poll(() => row.count()).toBe(1);
    expect(await row.innerText()).toContain('Reason: e2e: spam');
    await row.getByTestId('unban').click();
    await page.getByRole('dialog').locator('#confirm-reason').fill('e2e: second chance');
    await shot('18-unban-dialog');
    await page.getByRole('dialog').getByTestId('confirm').click();
    await poll(() => sys.sim.state.bans.list(guildId).some((b) => b.user.id === joinerId)).toBe(false);
    await poll(() => row.count()).toBe(0);
  });

  it('changes server settings and sees them in Discord', async () => {
    await nav('Server settings');
    await page.locator('#s-name').fill('Demo Guild Renamed');
    await page.getByTestId('verification').selectOption('3');
    await page.locator('#s-system').selectOption(channelByName('general').id);
    await shot('19-server-settings');
    await page.getByTestId('save-settings').click();
    await poll(() => sys.sim.state.guild(guildId)).toMatchObject({ name: 'Demo Guild Renamed', verification_level: 3, system_channel_id: channelByName('general').id });
    await poll(() => page.locator('.gname strong').innerText()).toBe('Demo Guild Renamed');
    // A file that is not an image is refused before any upload.
    await page.getByTestId('icon-file').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
    await poll(() => page.getByRole('alert').filter({ hasText: 'is not a PNG, JPEG, GIF or WebP image' }).count()).toBe(1);
  });

  it('refuses an empty role name before sending', async () => {
    await nav('Roles');
    await page.getByTestId('new-role').click();
    await page.locator('#r-name').fill('   ');
    await poll(() => page.getByRole('dialog').getByTestId('confirm').isDisabled()).toBe(true);
    expect(await page.getByRole('dialog').innerText()).toContain('A role needs a name');
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    // Bulk assignment picks members by name.
    const verified = roleByName('Verified');
    const m = sys.sim.state.members.list(guildId, 100).find((x) => !x.roles.includes(verified.id) && !sys.sim.state.users.get(x.user_id).bot)!;
    const u = sys.sim.state.users.get(m.user_id);
    await page.getByTestId('role-row').filter({ hasText: /^.*Verified/ }).getByRole('button', { name: 'Assign…' }).click();
    await page.getByRole('dialog').locator('#b-search').fill(u.username);
    await page.getByRole('dialog').getByRole('checkbox').first().check();
    await page.getByRole('dialog').getByTestId('confirm').click();
    await poll(() => sys.sim.state.guild(guildId).members[m.user_id]!.roles.includes(verified.id)).toBe(true);
  });

  it('walks every page at 1280 and 390 px: no horizontal overflow, no console error, no raw id, a title each', async () => {
    // Long names are the usual culprits of overflow.
    // Made through the dashboard's API, as an admin would (which also refreshes the cached lists).
    const long = await page.evaluate(async (g) => {
      const post = (path: string, body: unknown) => fetch(`/api/guilds/${g}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json() as Promise<{ id: string }>);
      await post('/roles', { name: 'A role whose name is far longer than anything a sidebar or a table cell was designed for' });
      return post('/channels', { name: 'a-channel-with-a-very-long-name-that-goes-on-and-on-and-on-without-any-space-at-all-xx', type: 0 });
    }, guildId);
    expect(long.id).toMatch(/^\d+$/);
    const errors: string[] = [];
    const onConsole = (m: { type(): string; text(): string }) => { if (m.type() === 'error') errors.push(m.text()); };
    const onError = (e: Error) => errors.push(e.message);
    page.on('console', onConsole);
    page.on('pageerror', onError);
    const general = channelByName('general').id;
    const base = `/guilds/${guildId}`;
    const pages: [string, string][] = [
      ['guilds', '/guilds'], ['overview', base], ['modules', `${base}/modules`], ['welcome', `${base}/modules/welcome`], ['stats', `${base}/modules/stats`],
      ['members', `${base}/members`], ['member', `${base}/members/${target.id}`], ['channels', `${base}/channels`], ['channel', `${base}/channels/${general}`],
      ['long-channel', `${base}/channels/${long.id}`], ['roles', `${base}/roles`], ['bans', `${base}/bans`], ['settings', `${base}/settings`], ['audit-log', `${base}/audit-log`], ['access', `${base}/access`], ['processing', `${base}/processing`],
    ];
    /** In-app navigation (as a click on a link), so the walk reuses cached reads like a person would. */
    const visit = (url: string) => page.evaluate((u) => {
      const a = document.createElement('a');
      a.href = u;
      document.body.append(a);
      a.click();
      a.remove();
    }, url);
    const problems: string[] = [];
    try {
      for (const width of [1280, 390]) {
        await page.setViewportSize({ width, height: width > 400 ? 900 : 844 });
        const titles = new Set<string>();
        for (const [name, path] of pages) {
          await visit(`${sys.publicUrl}${path}`);
          await page.waitForURL(`${sys.publicUrl}${path}`);
          // Settled: the page's heading is there and no skeleton is left.
          const settled = await expect
            .poll(() => page.evaluate(() => !!document.querySelector('h1') && document.querySelectorAll('.skeleton').length === 0), { timeout: 15_000, interval: 100 })
            .toBe(true)
            .then(() => true, () => false);
          if (!settled) problems.push(`${name} @${width}: never settled (no heading, or a skeleton left)`);
          const m = await page.evaluate(() => ({
            scroll: document.documentElement.scrollWidth,
            inner: window.innerWidth,
            text: document.body.innerText,
            title: document.title,
            // What sticks out, to name the culprit in the failure.
            wide: [...document.querySelectorAll('main *')]
              .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1 && !el.closest('.tbl, dialog:not([open])'))
              .slice(0, 3)
              .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}#${el.id} (${Math.round(el.getBoundingClientRect().right)})`),
          }));
          if (m.scroll > m.inner) problems.push(`${name} @${width}: ${m.scroll} px wide for ${m.inner}: ${m.wide.join(', ')}`);
          const ids = m.text.match(/\b\d{17,20}\b/g);
          if (ids) problems.push(`${name} @${width}: raw ids in text: ${[...new Set(ids)].slice(0, 3).join(', ')}`);
          if (titles.has(m.title)) problems.push(`${name} @${width}: title "${m.title}" repeats another page's`);
          titles.add(m.title);
          await page.screenshot({ path: `${SHOTS}walk-${width}-${name}.png`, fullPage: true });
        }
      }
      expect(problems).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      page.off('console', onConsole);
      page.off('pageerror', onError);
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });
});
