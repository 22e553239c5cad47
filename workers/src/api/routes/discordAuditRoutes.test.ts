import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiHarness, type ApiHarness } from '../testing/apiHarness';

let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness();
});
afterAll(async () => {
  await h?.stop();
});

const call = (path: string, init: { method?: string; body?: unknown } = {}) =>
  h.request(`/api/guilds/${h.demo.guildId}${path}`, { method: init.method ?? 'GET', headers: h.headers('admin'), body: init.body === undefined ? undefined : JSON.stringify(init.body) });

describe("Discord's audit log and names of users who left", () => {
  it("lists Discord's own audit entries, newest first, with who did them", async () => {
    const target = h.demo.memberIds[6]!;
    expect((await call(`/members/${target}/kick`, { method: 'POST', body: { reason: 'audit test' } })).status).toBe(204);
    const res = await call('/discord-audit-log?limit=5');
    const body = (await res.json()) as { entries: { action: string; targetId: string; reason: string | null; actorId: string; createdAt: string }[]; users: Record<string, string> };
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body.entries[0]).toMatchObject({ action: 'member kick', targetId: target, reason: 'audit test' });
    expect(Date.parse(body.entries[0]!.createdAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(body.users[body.entries[0]!.actorId]).toBeTruthy();
  });

  it('names a user who is no longer a member', async () => {
    const gone = h.demo.memberIds[6]!;
    const res = await call(`/users/${gone}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: gone, member: false });
    expect((await call('/discord-audit-log?limit=500')).status).toBe(400);
  });
});
