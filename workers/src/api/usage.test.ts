import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiBackends, startApiHarness, type ApiHarness } from './testing/apiHarness';

describe.each(apiBackends())('%s', (_backend, backends) => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApiHarness({ backends });
    // The demo guild's owner also owns the instance (set before the first request reads the config).
    (h.env as unknown as Record<string, string>).BOT_OWNER_IDS = h.users.owner;
  });
  afterAll(async () => {
    await h?.stop();
  });

  describe('GET /api/usage (free-tier meter)', () => {
    it("answers the instance owner today's use of each free quota, with its limit and the headroom", async () => {
      await h.request(`/api/guilds/${h.demo.guildId}`, { headers: h.headers('owner') });
      const res = await h.request('/api/usage', { headers: h.headers('owner') });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { day: string; metered: boolean; quotas: { id: string; used: number; limit: number; headroom: number; share: number }[] };
      expect(body.day).toBe(new Date().toISOString().slice(0, 10));
      // In process there is no Meter binding: the counts are this isolate's, and it says so.
      expect(body.metered).toBe(false);
      const q = Object.fromEntries(body.quotas.map((x) => [x.id, x]));
      expect(Object.keys(q)).toEqual(['worker_requests', 'do_requests', 'do_rows_written', 'do_rows_read', 'neon_awake_minutes', 'neon_storage_mb', 'upstash_commands']);
      expect(q.worker_requests).toMatchObject({ limit: 100_000 });
      expect(q.worker_requests!.used).toBeGreaterThanOrEqual(2);
      expect(q.upstash_commands!.used).toBeGreaterThan(0);
      expect(q.neon_storage_mb!.used).toBeGreaterThan(0);
      expect(q.neon_storage_mb!.limit).toBe(512);
      expect(q.do_rows_written!.limit).toBe(100_000);
      expect(q.do_rows_read!.limit).toBe(5_000_000);
      for (const x of body.quotas) {
        expect(x.headroom).toBe(Math.max(0, x.limit - x.used));
        expect(x.share).toBeCloseTo(x.used / x.limit);
      }
    });

    it('refuses guild admins who do not own the instance (the figures cover every server) and anonymous callers', async () => {
      const admin = await h.request('/api/usage', { headers: h.headers('admin') });
      expect(admin.status).toBe(403);
      expect(((await admin.json()) as { code: string }).code).toBe('NotInstanceOwner');
      expect((await h.request('/api/usage', { headers: h.headers('anonymous') })).status).toBe(401);
    });
  });

  describe('GET /api/guilds/:guildId/live (fallback of the hub socket)', () => {
    it("answers the hub's feed, counters and the bot's status in one request", async () => {
      const res = await h.request(`/api/guilds/${h.demo.guildId}/live`, { headers: h.headers('viewer') });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { feed: unknown[]; counters: Record<string, number>; shard: { connected: boolean } };
      expect(Array.isArray(body.feed)).toBe(true);
      expect(typeof body.counters).toBe('object');
      expect(body.shard).toEqual({ connected: false, shards: 0 });
    });
  });
});
