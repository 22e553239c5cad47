/**
 * Automod end to end: the real Worker in workerd over the local stack, the simulator playing
 * Discord, events through signed `/ingest` batches. Turning the module on with the standard
 * preset creates its Discord AutoMod rules (the lifecycle hook, in the Worker); a member's
 * invite is deleted by the hub and warned through Moderation (a case with source automod);
 * the dashboard's rule tester, in Chromium, says what a draft would catch.
 */
import { createHmac } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFullSystem, type FullSystem } from '@edge/dev/testing';
import { openDashboard } from '../../platform/testing/dashboardBrowser';
import { loginDashboard, type DashboardSession } from '../../platform/testing/dashboardSession';
import { applyPreset } from './presets';
import { NATIVE_NAMES } from './native/nativeRules';

let sys: FullSystem;
let dash: DashboardSession;
let browser: Browser | undefined;
let guildId: string;
let general: string;
let member: string;

async function ingest(batchId: string, events: unknown[]): Promise<void> {
  const body = JSON.stringify({ batchId, events });
  const ts = String(Date.now());
  const signature = `v1=${createHmac('sha256', sys.vars.SHARD_SECRET!).update(`${ts}.${body}`).digest('hex')}`;
  const res = await fetch(`${sys.worker.url}/ingest`, { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-shard-timestamp': ts, 'x-shard-signature': signature } });
  expect(res.status).toBe(200);
}

beforeAll(async () => {
  sys = await startFullSystem({ shard: false });
  const { sim } = sys;
  guildId = sim.guildId;
  const guild = sim.state.guild(guildId);
  general = Object.values(sim.state.data.channels).find((c) => 'guild_id' in c && c.guild_id === guildId && c.name === 'general')!.id;
  const staff = new Set(Object.values(guild.roles).filter((r) => ['Moderator', 'Admin'].includes(r.name) || r.tags?.bot_id).map((r) => r.id));
  member = Object.keys(guild.members).find((id) => id !== sim.owner.id && !sim.state.users.get(id).bot && !guild.members[id]!.roles.some((r) => staff.has(r)))!;
  dash = await loginDashboard(sys);
  await ingest('create', [{ id: 'am:create', type: 'GUILD_CREATE', guildId, payload: { id: guildId, name: guild.name, icon: null, owner_id: guild.owner_id, member_count: 50, joined_at: new Date().toISOString() } }]);
  for (const [id, body] of [['moderation', {}], ['automod', { config: applyPreset('standard') }]] as const) {
    const on = await dash.api('POST', `/guilds/${guildId}/modules/${id}/enable`, body);
    expect(on.status, on.text).toBe(200);
  }
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await sys?.stop();
});

describe.sequential('automod through the Worker', () => {
  it('creates its Discord AutoMod rules when turned on; a caught invite is deleted and warned through Moderation', async () => {
    const ours = () => sys.sim.state.autoMod.list(guildId).filter((r) => r.creator_id === sys.sim.application.botUserId).map((r) => r.name).sort();
    await expect.poll(ours, { timeout: 20_000 }).toEqual([NATIVE_NAMES.keywords, NATIVE_NAMES.regex, NATIVE_NAMES.spam, NATIVE_NAMES.mentions].sort());
    const msg = sys.sim.state.quietly(() => sys.sim.state.messages.create(general, { authorId: member, content: 'come to discord.gg/elsewhere' }));
    await ingest('invite', [{ id: `am:${msg.id}`, type: 'MESSAGE_CREATE', guildId, payload: { ...msg, guild_id: guildId, member: { roles: sys.sim.state.guild(guildId).members[member]!.roles } } }]);
    await expect.poll(() => (sys.sim.state.data.messages[general] ?? []).some((m) => m.id === msg.id), { timeout: 20_000 }).toBe(false);
    await expect.poll(async () => (await dash.api<{ cases: { type: string; source: string; targetId: string }[] }>('GET', `/guilds/${guildId}/modules/moderation/cases?targetId=${member}`)).body.cases?.map((c) => [c.type, c.source]), { timeout: 20_000 }).toEqual([['warn', 'automod']]);
  });

  it('the rule tester in the dashboard says what the draft would catch, by which rule', async () => {
    const open = await openDashboard(sys);
    browser = open.browser;
    const { page, errors } = open;
    await page.goto(`${sys.publicUrl}/guilds/${guildId}/modules/automod`);
    const tester = page.getByTestId('automod-tester');
    await tester.waitFor({ timeout: 30_000 });
    await tester.getByLabel('Messages, one per line').fill('hello there\nclaim your free nitro now');
    await page.getByTestId('automod-test-run').click();
    await expect.poll(() => page.getByTestId('automod-test-summary').textContent(), { timeout: 20_000 }).toContain('1 of 2 messages would be caught');
    expect(await tester.locator('tr[data-caught="true"]').textContent()).toContain('Blocked words');
    expect(await page.getByTestId('automod-raid').textContent()).toContain('Off');
    await page.screenshot({ path: 'test-artifacts/automod-tester.png', fullPage: true });
    expect(errors).toEqual([]);
  });
});
