import { ApplicationCommandOptionType as T, MessageFlags } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { HttpError } from '../errors';
import { coreModule } from '../modules/core';
import type { ModuleDefinition } from '../platform/ModuleDefinition';
import { reply } from './reply';
import { MemoryRateLimiter } from './testing/fakes';
import { BARE_GUILD, GUILD, interactionHarness } from './testing/harness';
import { autocompletePayload, buttonPayload, slashPayload } from './testing/payloads';
import { labModule } from './testing/testModules';

type Answer = { type: number; data: { content: string; flags?: number; choices?: unknown[] } };
const json = async (r: Response) => (await r.json()) as Answer;

/** `lab` is off in BARE_GUILD: `peek` runs there anyway, `poke` does not. */
const previewModule: ModuleDefinition = {
  ...labModule,
  id: 'lab',
  commands: [
    ...labModule.commands!,
    { data: { name: 'peek', description: 'Preview' }, allowWhenDisabled: true, execute: async (_i, ctx) => reply.ephemeral(`peek on=${String(ctx.guild.modules.lab?.enabled)}`) },
    { data: { name: 'poke', description: 'Not a preview' }, execute: async () => reply.ephemeral('poked') },
    { data: { name: 'refusehttp', description: 'Throws a 4xx HttpError' }, execute: async () => { throw new HttpError(403, 'Discord refused the action: missing permission', { code: 'DiscordForbidden' }); } },
    { data: { name: 'crashhttp', description: 'Throws a 5xx HttpError' }, execute: async () => { throw new HttpError(502, 'upstream secret detail', { code: 'DiscordUnavailable' }); } },
  ],
};

describe('rate limit kinds', () => {
  it('gives component presses their own budget, so paging never locks a member out of commands', async () => {
    const h = await interactionHarness({ rateLimiter: new MemoryRateLimiter(2) });
    const who = { guildId: GUILD };
    const help = (await (await h.send(slashPayload('help', [], who))).json()) as { data: { components: Array<{ components: Array<{ custom_id: string }> }> } };
    const next = help.data.components[0]!.components[1]!.custom_id;
    for (let i = 0; i < 2; i++) expect((await json(await h.send(buttonPayload(next, who)))).type).toBe(7);
    expect((await json(await h.send(buttonPayload(next, who)))).data.content).toMatch(/^Slow down/);
    // One command used of two: the third button press did not eat into it.
    expect((await json(await h.send(slashPayload('ping', [], who)))).data.content).toMatch(/^🏓/);
    expect((await json(await h.send(slashPayload('ping', [], who)))).data.content).toMatch(/^Slow down/);
  });

  it('never limits autocomplete (one request per keystroke)', async () => {
    const h = await interactionHarness({ rateLimiter: new MemoryRateLimiter(0) });
    const typed = autocompletePayload('lab', [{ type: T.Subcommand, name: 'echo', options: [{ type: T.String, name: 'fruit', value: 'ap', focused: true }] }], { guildId: GUILD });
    for (let i = 0; i < 3; i++) expect((await json(await h.send(typed))).data.choices).toHaveLength(2);
    expect((await json(await h.send(slashPayload('ping', [], { guildId: GUILD })))).data.content).toMatch(/^Slow down/);
  });
});

describe('allowWhenDisabled', () => {
  it('runs a preview command of a module that is off; its other commands still say it is off', async () => {
    const h = await interactionHarness({ modules: [coreModule, previewModule] });
    expect((await json(await h.send(slashPayload('peek', [], { guildId: BARE_GUILD })))).data.content).toBe('peek on=false');
    expect((await json(await h.send(slashPayload('poke', [], { guildId: BARE_GUILD })))).data.content).toContain('module is off');
    expect((await json(await h.send(slashPayload('peek', [], {})))).data.content).toContain('only works in a server');
  });
});

describe('HttpErrors thrown by handlers', () => {
  it('answers a 4xx ephemerally with its message (not an HTTP error Discord would call a failure)', async () => {
    const h = await interactionHarness({ modules: [coreModule, previewModule] });
    const res = await h.send(slashPayload('refusehttp', [], { guildId: GUILD }));
    expect(res.status).toBe(200);
    const a = await json(res);
    expect(a.data).toMatchObject({ content: '⚠️ Discord refused the action: missing permission', flags: MessageFlags.Ephemeral });
    expect(h.logs.some((l) => l.includes('interaction refused') && l.includes('DiscordForbidden'))).toBe(true);
  });

  it('answers a 5xx with the generic text and the request id, never its message', async () => {
    const h = await interactionHarness({ modules: [coreModule, previewModule] });
    const res = await h.send(slashPayload('crashhttp', [], { guildId: GUILD }));
    expect(res.status).toBe(200);
    const a = await json(res);
    expect(a.data.content).toContain(res.headers.get('x-request-id')!);
    expect(a.data.content).not.toContain('secret');
  });
});

describe('ctx.hub', () => {
  it('is the guild hub client of the interaction guild, undefined in DMs', async () => {
    const seen: string[] = [];
    const probe: ModuleDefinition = {
      ...coreModule, id: 'probe', components: [],
      commands: [{ data: { name: 'hubof', description: 'x' }, execute: async (_i, ctx) => reply.ephemeral(String(ctx.hub ? await ctx.hub.recentFeed().then((f) => f.length) : 'none')) }],
    };
    const hub = (guildId: string) => ({ recentFeed: async () => (seen.push(guildId), [{}, {}]) }) as never;
    const h = await interactionHarness({ modules: [probe], hub });
    expect((await json(await h.send(slashPayload('hubof', [], { guildId: GUILD })))).data.content).toBe('2');
    expect((await json(await h.send(slashPayload('hubof', [], {})))).data.content).toBe('none');
    expect(seen).toEqual([GUILD]);
  });
});
