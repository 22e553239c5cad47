import { ApplicationCommandOptionType as T, PermissionFlagsBits } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { interactionHarness, GUILD } from '../../interactions/testing/harness';
import { slashPayload } from '../../interactions/testing/payloads';
import { testEnv } from '../../interactions/testing/testEnv';
import { ModuleError } from '../../platform/manager/ModuleError';

const OWNER = '300000000000000042';
const planSet = (plan: string, userId: string) =>
  slashPayload('plan', [{ type: T.Subcommand, name: 'set', options: [{ type: T.String, name: 'plan', value: plan }] } as never], {
    guildId: GUILD, userId, permissions: PermissionFlagsBits.ManageGuild,
  });

/** A hub that records `setPlan` and turns `lab` off on the free plan, as the real one would for an unavailable module. */
function fakeHub() {
  const calls: unknown[] = [];
  const hub = (guildId: string) => ({
    setPlan: async (input: { plan: string }) => {
      calls.push({ guildId, ...input });
      if (input.plan === 'max') throw new ModuleError('PlanInvalid', 'hub refused');
      return { guildId, plan: input.plan, guild: null, modules: { lab: { enabled: input.plan !== 'free' }, staff: { enabled: true } } };
    },
  }) as never;
  return { calls, hub };
}

describe('/plan set', () => {
  it('lets an instance owner change the guild plan through its hub', async () => {
    const { calls, hub } = fakeHub();
    const h = await interactionHarness({ hub });
    h.env = { ...h.env, ...testEnv(h.keys.publicKeyHex, { BOT_OWNER_IDS: `1, ${OWNER}` }) };
    const res = await h.app.request('/interactions', await h.keys.signedInit(planSet('free', OWNER)), h.env, h.executionCtx as never);
    const a = (await res.json()) as { data: { content: string; flags: number } };
    expect(a.data.flags).toBe(64);
    expect(a.data.content).toBe('Plan of this server: **free** → **free**.\nTurned off (not on this plan): lab.');
    expect(calls).toEqual([{ guildId: GUILD, plan: 'free', actorId: OWNER, requestId: res.headers.get('x-request-id') }]);
  });

  it('refuses anyone else, and shows the hub refusals, without calling or failing', async () => {
    const { calls, hub } = fakeHub();
    const h = await interactionHarness({ hub });
    h.env = { ...h.env, ...testEnv(h.keys.publicKeyHex, { BOT_OWNER_IDS: OWNER }) };
    const send = async (p: unknown) => (await (await h.app.request('/interactions', await h.keys.signedInit(p), h.env, h.executionCtx as never)).json()) as { data: { content: string } };
    expect((await send(planSet('premium', '300000000000000001'))).data.content).toBe('⚠️ Only the instance owners (BOT_OWNER_IDS) can change a plan');
    expect(calls).toHaveLength(0);
    expect((await send(planSet('max', OWNER))).data.content).toBe('⚠️ hub refused');
  });
});
