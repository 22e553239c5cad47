import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InteractionResponseType, type APIChatInputApplicationCommandInteraction, type APIInteractionResponse } from 'discord-api-types/v10';
import type { InteractionContext, ReplyBody } from '../../../interactions/types';
import type { Plan } from '../../../platform/ModuleDefinition';
import type { StatsDb } from '../db';
import { createTestDb } from '../testing/createTestDb';
import { fakeEvents } from '../testing/fakeEvents';
import { statsHub } from '../testing/statsHub';
import { createLeaderboardCommand } from './leaderboardCommand';
import { createStatsCommand } from './statsCommand';

const GUILD = '100000000000000009';
const NOW = new Date('2025-06-10T12:00:00Z');
let db: StatsDb;
let close: () => Promise<void>;
let hub: ReturnType<typeof statsHub>;
beforeAll(async () => {
  ({ db, close } = await createTestDb());
  hub = statsHub(db, GUILD, { now: () => NOW.getTime() });
  const f = fakeEvents(GUILD);
  const t = NOW.getTime() - 3_600_000;
  // Part in Postgres (flushed), part still in the hub: replies add both.
  hub.count(Array.from({ length: 12 }, (_, i) => f.message(`2000000000000000${10 + i}`, '300000000000000001', t + i)));
  await hub.flush();
  hub.count([
    f.message('200000000000000010', '300000000000000001', t + 50),
    f.voice('200000000000000011', '300000000000000005', t),
    f.voice('200000000000000011', null, t + 125_000),
  ]);
});
afterAll(async () => {
  hub.close();
  await close();
});

const deps = { withDb: <T>(_c: unknown, fn: (db: StatsDb) => Promise<T>) => fn(db), pending: async () => hub.pending(), now: () => NOW };

/** Runs a command like the framework: the immediate answer, then the deferred work's body. */
async function invoke(cmd: ReturnType<typeof createStatsCommand>, options: InteractionContext['options'], plan: Plan = 'free') {
  let work: (() => Promise<ReplyBody>) | undefined;
  const ctx = {
    guildId: GUILD,
    userId: '200000000000000010',
    options,
    guild: { plan, modules: {} },
    appConfig: {},
    defer: (w: () => Promise<ReplyBody>) => ((work = w), { type: InteractionResponseType.DeferredChannelMessageWithSource }),
  } as unknown as InteractionContext;
  const first: APIInteractionResponse = await cmd.execute({} as APIChatInputApplicationCommandInteraction, ctx);
  return { first, body: await work!() };
}

describe('stats commands', () => {
  it('/stats server defers, then shows the totals', async () => {
    const { first, body } = await invoke(createStatsCommand(deps), { subcommand: 'server', values: { days: 30 } });
    expect(first.type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    const embed = body.embeds![0]!;
    expect(embed.fields!.find((f) => f.name === 'Messages')!.value).toBe('13');
    expect(embed.fields!.find((f) => f.name === 'Voice')!.value).toBe('2 min');
    expect(embed.footer!.text).toContain('7 days'); // free plan: clamped
  });

  it('/stats member shows the invoker by default', async () => {
    const { body } = await invoke(createStatsCommand(deps), { subcommand: 'member', values: {} });
    expect(body.embeds![0]!.description).toContain('<@200000000000000010> · #1 by messages');
  });

  it('/leaderboard ranks members and caps the free plan at 10', async () => {
    const { body } = await invoke(createLeaderboardCommand(deps), { values: {} });
    const lines = body.embeds![0]!.description!.split('\n');
    expect(lines).toHaveLength(10);
    expect(lines[0]).toBe('**1.** <@200000000000000010> · 2');
    const premium = await invoke(createLeaderboardCommand(deps), { values: {} }, 'premium');
    expect(premium.body.embeds![0]!.description!.split('\n')).toHaveLength(12);
    const voice = await invoke(createLeaderboardCommand(deps), { values: { metric: 'voice', days: 1 } });
    expect(voice.body.embeds![0]!.description).toBe('**1.** <@200000000000000011> · 2 min');
  });

  it('/stats server and /leaderboard right after events answer exactly from the hub with Postgres unreachable', async () => {
    const unreachable = async () => {
      throw new Error('ECONNREFUSED: Postgres unreachable');
    };
    const offline = { withDb: unreachable, pending: unreachable, now: () => NOW, local: async (_hub: unknown, query: Parameters<typeof hub.query>[0]) => hub.query(query) };
    // The hub counted events after its last flush: the snapshot plus them is what Postgres plus them says.
    expect(hub.pending().length).toBeGreaterThan(0);
    for (const values of [{}, { days: 30 }, { days: 7 }] as Record<string, number>[]) {
      const live = await invoke(createStatsCommand(offline), { subcommand: 'server', values });
      expect(live.body).toEqual((await invoke(createStatsCommand(deps), { subcommand: 'server', values })).body);
    }
    const server = (await invoke(createStatsCommand(offline), { subcommand: 'server', values: {} })).body.embeds![0]!;
    expect(server.fields!.find((f) => f.name === 'Messages')!.value).toBe('13');
    expect(server.fields!.find((f) => f.name === 'Voice')!.value).toBe('2 min');
    for (const [values, plan] of [[{}, 'free'], [{}, 'premium'], [{ metric: 'voice', days: 1 }, 'free'], [{ metric: 'reactions' }, 'free'], [{ days: 7 }, 'premium']] as const) {
      const live = await invoke(createLeaderboardCommand(offline), { values }, plan);
      expect(live.body).toEqual((await invoke(createLeaderboardCommand(deps), { values }, plan)).body);
    }
    const voice = await invoke(createLeaderboardCommand(offline), { values: { metric: 'voice', days: 1 } });
    expect(voice.body.embeds![0]!.description).toBe('**1.** <@200000000000000011> · 2 min');
    // A period whose partial days the snapshot lacks (5-minute rows of yesterday) is Postgres' to answer.
    await expect(invoke(createStatsCommand(offline), { subcommand: 'server', values: { days: 1 } })).rejects.toThrow('Postgres unreachable');
  });
});
