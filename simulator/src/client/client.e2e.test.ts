/**
 * The demo client in real Chromium, against a small signed test app: a person picks a member,
 * chats, runs a slash command with options and autocomplete, clicks a button, fills a modal and
 * sees public, ephemeral and deferred replies. Screenshots in test-artifacts/simulator-client/.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { verifyKey } from 'discord-interactions';
import { ApplicationCommandOptionType as O, InteractionResponseType as R, InteractionType as T, MessageFlags, type APIInteraction } from 'discord-api-types/v10';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../index.js';

const SHOTS = fileURLToPath(new URL('../../../test-artifacts/simulator-client/', import.meta.url));
let sim: Simulator;
let app: Server;
let browser: Browser;
let page: Page;
const errors: string[] = [];
const poll = <V>(fn: () => Promise<V> | V) => expect.poll(fn, { timeout: 15_000, interval: 100 });

/** The test app: answers like a bot would, deferring `/slow` and finishing it through the webhook. */
async function answer(i: APIInteraction): Promise<unknown> {
  const data = (i as { data?: { name?: string; custom_id?: string; options?: { name: string; value: unknown; options?: { name: string; value: unknown }[] }[]; components?: { components: { custom_id: string; value: string }[] }[] } }).data ?? {};
  if (i.type === T.ApplicationCommandAutocomplete) {
    const typed = String(data.options?.find((o) => o.name === 'fruit')?.value ?? '');
    return { type: R.ApplicationCommandAutocompleteResult, data: { choices: ['apple', 'apricot', 'banana'].filter((f) => f.startsWith(typed)).map((f) => ({ name: f.toUpperCase(), value: f })) } };
  }
  if (i.type === T.ApplicationCommand && data.name === 'pick') {
    const fruit = data.options?.find((o) => o.name === 'fruit')?.value;
    return {
      type: R.ChannelMessageWithSource,
      data: { embeds: [{ title: `You picked ${fruit}`, color: 0x2ecc71, fields: [{ name: 'Count', value: String(data.options?.find((o) => o.name === 'count')?.value ?? 1), inline: true }] }], components: [{ type: 1, components: [{ type: 2, style: 1, label: 'Rename', custom_id: 'rename' }] }] },
    };
  }
  if (i.type === T.ApplicationCommand && data.name === 'slow') {
    setTimeout(() => void fetch(`${sim.api}/v10/webhooks/${i.application_id}/${i.token}/messages/@original`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ content: 'Done after a while' }) }), 300);
    return { type: R.DeferredChannelMessageWithSource, data: { flags: MessageFlags.Ephemeral } };
  }
  if (i.type === T.MessageComponent && data.custom_id === 'rename') {
    return { type: R.Modal, data: { custom_id: 'rename-modal', title: 'Rename the fruit', components: [{ type: 18, label: 'New name', component: { type: 4, custom_id: 'name', style: 1, required: true } }] } };
  }
  if (i.type === T.ModalSubmit) {
    return { type: R.ChannelMessageWithSource, data: { content: `Renamed to **${data.components?.[0]?.components[0]?.value ?? '?'}**`, flags: MessageFlags.Ephemeral } };
  }
  return { type: R.ChannelMessageWithSource, data: { content: 'unknown' } };
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  sim = await startSimulator({ port: 0, members: 8, seed: 3 });
  app = createServer((req, res) => {
    void (async () => {
      let body = '';
      for await (const chunk of req) body += chunk;
      const ok = await verifyKey(body, String(req.headers['x-signature-ed25519']), String(req.headers['x-signature-timestamp']), sim.application.publicKey);
      if (!ok) return res.writeHead(401).end();
      const payload = JSON.parse(body) as APIInteraction;
      const out = payload.type === T.Ping ? { type: 1 } : await answer(payload);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(out));
    })().catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((r) => app.listen(0, '127.0.0.1', r));
  sim.interactions.setEndpoint(`http://127.0.0.1:${(app.address() as AddressInfo).port}/`);
  const commands = [
    { name: 'pick', description: 'Pick a fruit', options: [{ type: O.String, name: 'fruit', description: 'Which', required: true, autocomplete: true }, { type: O.Integer, name: 'count', description: 'How many' }] },
    { name: 'slow', description: 'Takes its time' },
  ];
  const res = await fetch(`${sim.api}/v10/applications/${sim.application.id}/guilds/${sim.guildId}/commands`, { method: 'PUT', headers: { authorization: `Bot ${sim.application.botToken}`, 'content-type': 'application/json' }, body: JSON.stringify(commands) });
  expect(res.status).toBe(200);
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await sim?.stop();
  app?.closeAllConnections();
  await new Promise((r) => app?.close(r));
});

const messages = () => page.getByTestId('message');

describe.sequential('demo client', () => {
  it('shows the demo guild live and posts as the chosen member', async () => {
    await page.goto(sim.url);
    await poll(() => page.locator('#live').innerText()).toContain('live');
    await page.locator('[data-channel="general"]').click();
    await poll(() => messages().count()).toBeGreaterThan(0);
    const member = Object.values(sim.state.guild(sim.guildId).members).find((m) => m.user_id !== sim.owner.id && !sim.state.users.get(m.user_id).bot)!;
    await page.getByTestId('member-picker').selectOption(member.user_id);
    await page.getByTestId('composer').fill('hello from the browser');
    await page.getByTestId('composer').press('Enter');
    const general = Object.values(sim.state.data.channels).find((c) => 'name' in c && c.name === 'general')!.id;
    await poll(() => sim.state.data.messages[general]!.at(-1)).toMatchObject({ content: 'hello from the browser', author: { id: member.user_id } });
    // Someone else posts: it shows up without a reload.
    sim.state.messages.create(general, { authorId: sim.owner.id, content: 'a reply from <@' + member.user_id + '>' });
    await poll(() => messages().last().innerText()).toContain('a reply from @');
    await page.getByTestId('member-picker').selectOption(sim.owner.id);
  });

  it('runs a slash command with autocomplete, clicks its button and fills the modal', async () => {
    const input = page.getByTestId('composer');
    await input.fill('/pi');
    await poll(() => page.locator('#picker li').first().innerText()).toContain('/pick');
    await input.press('Tab');
    const fruit = page.locator('[data-option="fruit"]');
    await fruit.pressSequentially('ap');
    await poll(() => page.locator('#o-fruit-list option').evaluateAll((o) => o.map((x) => (x as unknown as { value: string }).value))).toEqual(['apple', 'apricot']);
    await fruit.fill('apricot');
    await page.locator('[data-option="count"]').fill('3');
    await shot('01-command-form');
    await page.getByTestId('send').click();
    const reply = page.getByTestId('embed').last();
    await poll(() => reply.innerText()).toContain('You picked apricot');
    expect(await reply.innerText()).toContain('3');
    await poll(() => messages().last().locator('.used').innerText()).toContain('used a command');
    await messages().last().getByRole('button', { name: 'Rename' }).click();
    await poll(() => page.locator('#modal').isVisible()).toBe(true);
    await page.getByLabel('New name').fill('Golden apricot');
    await shot('02-modal');
    await page.getByTestId('modal-submit').click();
    const eph = page.locator('[data-ephemeral="true"]').last();
    await poll(() => eph.innerText()).toContain('Renamed to Golden apricot');
    expect(await eph.innerText()).toContain('Only you can see this');
  });

  it('shows a deferred ephemeral reply as thinking, then its edit', async () => {
    await page.getByTestId('composer').fill('/slow');
    await page.getByTestId('composer').press('Enter');
    await page.getByTestId('send').click();
    await poll(() => page.locator('[data-ephemeral="true"]').last().innerText()).toContain('Done after a while');
    await shot('03-replies');
    // Another member does not see the first one's ephemeral replies.
    const other = Object.values(sim.state.guild(sim.guildId).members).find((m) => m.user_id !== sim.owner.id && !sim.state.users.get(m.user_id).bot)!;
    await page.getByTestId('member-picker').selectOption(other.user_id);
    await poll(() => page.locator('[data-ephemeral="true"]').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('fits a phone screen without horizontal scrolling', async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    // The channel drawer slides away (0.2 s) below 700 px.
    await poll(async () => (await page.locator('.sidebar').boundingBox())!.x).toBeLessThan(-200);
    await poll(() => page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await shot('04-phone');
  });
});

function shot(name: string) {
  return page.screenshot({ path: `${SHOTS}${name}.png` });
}
