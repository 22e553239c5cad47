/**
 * The platform's promise, end to end: a module added from its folder alone (this one, registered
 * by a test entry point) gets its slash command served, its settings form generated from its
 * schema in the real dashboard (Chromium), its lifecycle hook run, its job delivered by QStash
 * after the delay, and its route in `/api/docs`, with no line written anywhere else.
 */
import { REST } from '@discordjs/rest';
import { Routes } from 'discord-api-types/v10';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFullSystem, type FullSystem } from '@edge/dev/testing';
import { commandBodies } from '../../../../scripts/register';
import type { ModuleDefinition } from '../../ModuleDefinition';
import { registry } from '../../registry';
import { throwawayModule } from './definition';

const ROOT = fileURLToPath(new URL('../../../../../', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 20_000, interval: 100 });

let sys: FullSystem;
let browser: Browser;
let page: Page;
let guildId: string;
let general: string;
/** Uncaught errors in the dashboard: there must be none. */
const pageErrors: string[] = [];
const messages = () => sys.sim.state.data.messages[general] ?? [];

beforeAll(async () => {
  if (!existsSync(`${ROOT}app/build/index.html`) || existsSync(`${ROOT}app/build/.placeholder`)) {
    execFileSync('npm', ['run', 'build', '-w', 'app'], { cwd: ROOT, stdio: 'ignore' });
  }
  // This process (command registration) and the Worker (its entry point) both register it.
  registry.register(throwawayModule as ModuleDefinition);
  sys = await startFullSystem({ shard: false, entrypoint: fileURLToPath(new URL('./worker.ts', import.meta.url)), stack: { qstashRetryBaseMs: 50 } });
  guildId = sys.sim.guildId;
  general = Object.values(sys.sim.state.data.channels).find((c) => 'guild_id' in c && c.guild_id === guildId && c.name === 'general')!.id;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.setDefaultTimeout(20_000);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await sys?.stop();
});

describe.sequential('a module from its folder alone', () => {
  it('has its command registered with Discord and served by the Worker', async () => {
    const body = commandBodies();
    expect(body.map((c) => c.name)).toContain('throwaway');
    const rest = new REST({ api: sys.sim.api }).setToken(sys.sim.application.botToken);
    await rest.put(Routes.applicationGuildCommands(sys.sim.application.id, guildId), { body });
    const registered = (await rest.get(Routes.applicationGuildCommands(sys.sim.application.id, guildId))) as { name: string }[];
    expect(registered.map((c) => c.name)).toContain('throwaway');
    const off = await sys.sim.interactions.send({ type: 'command', name: 'throwaway', options: { text: 'x' }, userId: sys.sim.owner.id, channelId: general });
    expect(off.message?.content).toContain('**Throwaway** module is off');
  });

  it('renders its settings form from its schema, runs its config hook on save', async () => {
    await page.goto(sys.publicUrl);
    await page.getByTestId('login').click();
    await page.locator('#authorize').click();
    await page.waitForURL(`${sys.publicUrl}/guilds`);
    await page.goto(`${sys.publicUrl}/guilds/${guildId}/modules/throwaway`);
    await page.getByRole('switch', { name: 'Enable Throwaway' }).click();
    await poll(() => page.getByRole('switch', { name: 'Enable Throwaway' }).getAttribute('aria-checked')).toBe('true');
    const form = page.getByTestId('settings-form');
    // Labels and help come from the schema's titles and descriptions.
    for (const label of ['Reminder channel', 'Greeting', 'Reminder delay', 'Rules']) await poll(() => form.getByText(label, { exact: true }).count()).toBeGreaterThan(0);
    await expect(form.getByText('Where delayed reminders are posted.').count()).resolves.toBe(1);
    // Conditional field: the accent colour shows only when "Loud" is on.
    expect(await page.locator('#f-accent').count()).toBe(0);
    await form.getByRole('switch', { name: 'Loud' }).click();
    await poll(() => page.locator('#f-accent').count()).toBe(1);
    // Pickers search by name; the duration is edited in seconds; a list item is added.
    await page.locator('#f-channelId').fill('gene');
    await page.getByRole('option', { name: '#general' }).click();
    await page.getByLabel('Unit').selectOption({ label: 'seconds' });
    await page.locator('#f-delay').fill('2');
    await page.locator('#f-greeting').fill('Ahoy');
    await form.getByRole('button', { name: '+ Add word' }).click();
    await page.locator('#f-rules-0-word').fill('tea');
    await page.screenshot({ path: `${ROOT}test-artifacts/throwaway-form.png`, fullPage: true });
    await page.getByTestId('save').click();
    await poll(() => page.getByText('Settings saved').count()).toBeGreaterThan(0);
    await poll(() => messages().some((m) => m.content === 'Greeting is now “Ahoy”')).toBe(true);
    expect(pageErrors).toEqual([]);
  });

  it('delivers its job through QStash after the delay, with the guild’s config and the bot’s REST client', async () => {
    const sent = Date.now();
    const r = await sys.sim.interactions.send({ type: 'command', name: 'throwaway', options: { text: 'drink water' }, userId: sys.sim.owner.id, channelId: general });
    expect(r.message?.content).toBe('⏰ In 2 s.');
    const reminder = () => messages().find((m) => m.content === `Ahoy <@${sys.sim.owner.id}>: drink water`);
    expect(reminder()).toBeUndefined();
    await poll(() => reminder() !== undefined).toBe(true);
    expect(new Date(reminder()!.timestamp).getTime() - sent).toBeGreaterThanOrEqual(1_900);
  });

  it('documents its route in /api/docs and serves it with the module services', async () => {
    const doc = (await page.evaluate(() => fetch('/api/openapi.json').then((r) => r.json()))) as { paths: Record<string, Record<string, unknown>> };
    expect(doc.paths['/api/guilds/{guildId}/modules/throwaway/echo']?.get).toMatchObject({
      'x-requires': 'view',
      summary: 'The greeting of this guild',
      // Its answer's schema, from the route's zod declaration.
      responses: { 200: { content: { 'application/json': { schema: { properties: { greeting: { type: 'string' }, plan: { type: 'string' } } } } } } },
    });
    await page.goto(`${sys.publicUrl}/api/docs`);
    await poll(() => page.getByText('/api/guilds/{guildId}/modules/throwaway/echo').count()).toBe(1);
    const echo = await page.evaluate((g) => fetch(`/api/guilds/${g}/modules/throwaway/echo`).then((r) => r.json()), guildId);
    expect(echo).toEqual({ greeting: 'Ahoy', plan: 'free' });
  });
});
