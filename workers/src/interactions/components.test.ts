import { ApplicationCommandOptionType as T, InteractionResponseType, MessageFlags } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { CUSTOM_ID_MAX, CustomIdSigner } from './CustomIdSigner';
import { InteractionError } from './InteractionError';
import { GUILD, interactionHarness } from './testing/harness';
import { buttonPayload, modalPayload, slashPayload } from './testing/payloads';

type Row = { components: Array<{ custom_id: string }> };
const who = { guildId: GUILD };

describe('CustomIdSigner', () => {
  const signer = new CustomIdSigner('a-secret-of-at-least-32-characters!!');

  it('round-trips prefix and state within 100 characters', async () => {
    const id = await signer.sign('mod.case', ['123456789012345678', 'p2']);
    expect(id.length).toBeLessThanOrEqual(CUSTOM_ID_MAX);
    expect(await signer.verify(id)).toEqual({ prefix: 'mod.case', state: ['123456789012345678', 'p2'] });
  });

  it('refuses any change of state, prefix or mac, and ids signed with another secret', async () => {
    const id = await signer.sign('x', ['1']);
    const other = await new CustomIdSigner('another-secret-of-32-characters!!!!').sign('x', ['1']);
    for (const forged of [id.replace('x:1', 'x:2'), id.replace('x:', 'y:'), id.slice(0, -1) + (id.endsWith('A') ? 'B' : 'A'), other, 'x', '', ':']) {
      await expect(signer.verify(forged)).rejects.toBeInstanceOf(InteractionError);
    }
  });

  it('refuses to build ids Discord would reject or that could not be parsed back', async () => {
    await expect(signer.sign('x', ['a'.repeat(95)])).rejects.toThrow(/100/);
    await expect(signer.sign('x', ['a:b'])).rejects.toThrow(/":"/);
    await expect(signer.sign('bad prefix')).rejects.toThrow();
  });
});

describe('components and modals', () => {
  it('routes a button on its signed custom_id and carries state from press to press', async () => {
    const h = await interactionHarness();
    const first = (await (await h.send(slashPayload('lab', [{ type: T.Subcommand, name: 'button' }], who))).json()) as { data: { components: Row[] } };
    const id0 = first.data.components[0]!.components[0]!.custom_id;
    const second = (await (await h.send(buttonPayload(id0, who))).json()) as { type: number; data: { content: string; components: Row[] } };
    expect(second).toMatchObject({ type: InteractionResponseType.UpdateMessage, data: { content: 'count 1' } });
    const third = (await (await h.send(buttonPayload(second.data.components[0]!.components[0]!.custom_id, who))).json()) as { data: { content: string } };
    expect(third.data.content).toBe('count 2');
  });

  it('answers a tampered custom_id ephemerally and logs it', async () => {
    const h = await interactionHarness();
    const first = (await (await h.send(slashPayload('lab', [{ type: T.Subcommand, name: 'button' }], who))).json()) as { data: { components: Row[] } };
    const forged = first.data.components[0]!.components[0]!.custom_id.replace('lab.count:0', 'lab.count:999');
    const res = await h.send(buttonPayload(forged, who));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ data: { flags: MessageFlags.Ephemeral } });
    expect(h.logs.some((l) => l.includes('TamperedCustomId') && l.includes(res.headers.get('x-request-id')!))).toBe(true);
  });

  it('answers 400 to a component interaction without custom_id', async () => {
    const h = await interactionHarness();
    const p = buttonPayload('x', who) as { data: Record<string, unknown> };
    delete p.data.custom_id;
    expect((await h.send(p)).status).toBe(400);
  });

  it('opens a modal and routes its submit with the state of its custom_id', async () => {
    const h = await interactionHarness();
    const opened = (await (await h.send(slashPayload('lab', [{ type: T.Subcommand, name: 'form' }], who))).json()) as { type: number; data: { custom_id: string } };
    expect(opened.type).toBe(InteractionResponseType.Modal);
    const submitted = (await (await h.send(modalPayload(opened.data.custom_id, { answer: '42' }, who))).json()) as { data: { content: string } };
    expect(submitted.data.content).toBe('form x: 42');
  });
});
