import { ApplicationCommandType, InteractionResponseType, InteractionType, MessageFlags } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { coreModule } from '../modules/core';
import type { ModuleDefinition } from '../platform/ModuleDefinition';
import { reply } from './reply';
import { BARE_GUILD, GUILD, interactionHarness } from './testing/harness';
import { nowSnowflake, slashPayload } from './testing/payloads';
import { labModule, staffModule } from './testing/testModules';

/** A user context-menu command on the lab module: answers with the target it was given. */
const menuLab: ModuleDefinition = {
  ...labModule,
  userCommands: [{ data: { type: ApplicationCommandType.User, name: 'Inspect' }, execute: async (_i, ctx) => reply.ephemeral(`target ${String(ctx.options.values.target)}`) }],
};

function userCommandPayload(name: string, targetId: unknown, guildId = GUILD) {
  const base = slashPayload('x', [], { guildId }) as Record<string, unknown>;
  return { ...base, type: InteractionType.ApplicationCommand, data: { id: nowSnowflake(), name, type: ApplicationCommandType.User, target_id: targetId } };
}

describe('user context-menu commands', () => {
  it('routes by name to the module’s handler with the target as ctx.options.values.target', async () => {
    const h = await interactionHarness({ modules: [coreModule, menuLab, staffModule] });
    const res = (await (await h.send(userCommandPayload('Inspect', '300000000000000009'))).json()) as { type: number; data: { content: string; flags: number } };
    expect(res).toMatchObject({ type: InteractionResponseType.ChannelMessageWithSource, data: { content: 'target 300000000000000009', flags: MessageFlags.Ephemeral } });
  });

  it('answers an unknown menu command ephemerally, is gated like slash commands, and refuses a payload without target_id', async () => {
    const h = await interactionHarness({ modules: [coreModule, menuLab, staffModule] });
    const unknown = (await (await h.send(userCommandPayload('Nope', '300000000000000009'))).json()) as { data: { content: string } };
    expect(unknown.data.content).toContain('Unknown command Nope');
    const off = (await (await h.send(userCommandPayload('Inspect', '300000000000000009', BARE_GUILD))).json()) as { data: { content: string } };
    expect(off.data.content).toContain('module is off');
    expect((await h.send(userCommandPayload('Inspect', undefined))).status).toBe(400);
  });
});
