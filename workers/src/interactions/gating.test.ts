import { ApplicationCommandOptionType as T, MessageFlags } from 'discord-api-types/v10';
import type { Redis } from '@upstash/redis/cloudflare';
import { describe, expect, it } from 'vitest';
import { UpstashRateLimiter } from './InteractionRateLimiter';
import { MemoryRateLimiter } from './testing/fakes';
import { BARE_GUILD, GUILD, interactionHarness } from './testing/harness';
import { slashPayload } from './testing/payloads';

type Answer = { data: { content: string; flags?: number } };
const echo = (who: { guildId?: string; userId?: string }) =>
  slashPayload('lab', [{ type: T.Subcommand, name: 'echo', options: [{ type: T.String, name: 'text', value: 'x' }] } as never], who);

describe('module gating', () => {
  it('answers ephemerally that a module is off, with the dashboard URL to turn it on', async () => {
    const h = await interactionHarness();
    const r = (await (await h.send(echo({ guildId: BARE_GUILD }))).json()) as Answer;
    expect(r.data.flags).toBe(MessageFlags.Ephemeral);
    expect(r.data.content).toContain('**Lab** module is off');
    expect(r.data.content).toContain(`https://bot.example.test/guilds/${BARE_GUILD}/modules/lab`);
  });

  it('keeps always-on commands working where other modules are off, and in DMs', async () => {
    const h = await interactionHarness();
    for (const who of [{ guildId: BARE_GUILD }, {}]) {
      const r = (await (await h.send(slashPayload('ping', [], who))).json()) as Answer;
      expect(r.data.content).toMatch(/^🏓 Pong!/);
    }
    const dm = (await (await h.send(echo({}))).json()) as Answer;
    expect(dm.data.content).toContain('only works in a server');
  });

  it('when the hub fails: module commands say so, core commands still answer', async () => {
    const h = await interactionHarness({ guilds: { getGuildState: async () => { throw new Error('hub down'); } } });
    const mod = (await (await h.send(echo({ guildId: GUILD }))).json()) as Answer;
    expect(mod.data.content).toContain('could not be read');
    const core = (await (await h.send(slashPayload('help', [], { guildId: GUILD }))).json()) as { data: { embeds: unknown[] } };
    expect(core.data.embeds).toHaveLength(1);
    expect(h.logs.some((l) => l.includes('guild state read failed'))).toBe(true);
  });
});

describe('rate limits', () => {
  it('tells a member over the limit to slow down, with the wait in seconds', async () => {
    const h = await interactionHarness({ rateLimiter: new MemoryRateLimiter(2, 4_200) });
    for (let i = 0; i < 2; i++) expect(((await (await h.send(echo({ guildId: GUILD }))).json()) as Answer).data.content).toBe('x (hey)');
    const r = (await (await h.send(echo({ guildId: GUILD }))).json()) as Answer;
    expect(r.data).toEqual(expect.objectContaining({ content: 'Slow down — try again in 5 s.', flags: MessageFlags.Ephemeral }));
    const other = (await (await h.send(echo({ guildId: GUILD, userId: '300000000000000009' }))).json()) as Answer;
    expect(other.data.content).toBe('x (hey)');
  });

  it('lets requests through after the timeout when Redis hangs, instead of adding latency', async () => {
    const hanging = new Proxy({}, { get: () => () => new Promise(() => {}) }) as unknown as Redis;
    const limiter = new UpstashRateLimiter(hanging, { timeoutMs: 50 });
    const started = performance.now();
    expect(await limiter.check(GUILD, '300000000000000001')).toEqual({ ok: true });
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('refuses once the sliding window is used up, and then from the isolate cache without Redis', async () => {
    let calls = 0;
    const counts = new Map<string, number>();
    // Plays Upstash's sliding-window script: {remaining, limit}, or {-1, limit} when used up.
    const script = async (_hash: string, keys: string[], args: unknown[]) => {
      calls++;
      const limit = Number(args[0]);
      const used = counts.get(keys[0]!) ?? 0;
      if (used >= limit) return [-1, limit];
      counts.set(keys[0]!, used + 1);
      return [limit - used - 1, limit];
    };
    const redis = new Proxy({}, { get: (_t, prop) => (prop === 'evalsha' || prop === 'eval' ? script : undefined) }) as unknown as Redis;
    const limiter = new UpstashRateLimiter(redis, { member: { limit: 3, window: '10 s' }, timeoutMs: 1_000 });
    for (let i = 0; i < 3; i++) expect(await limiter.check(GUILD, '300000000000000001')).toEqual({ ok: true });
    const refused = await limiter.check(GUILD, '300000000000000001');
    expect(refused).toMatchObject({ ok: false, scope: 'member' });
    expect((refused as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(0);
    expect((refused as { retryAfterMs: number }).retryAfterMs).toBeLessThanOrEqual(10_000);
    const before = calls;
    expect(await limiter.check(GUILD, '300000000000000001')).toMatchObject({ ok: false });
    // Only the guild limiter went to Redis: the member was refused from the ephemeral cache.
    expect(calls).toBe(before + 1);
    expect(await limiter.check(GUILD, '300000000000000002')).toEqual({ ok: true });
  });
});
