import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiHarness, type ApiHarness } from './testing/apiHarness';

let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness();
});
afterAll(async () => {
  await h?.stop();
});

describe('API basics against the simulator', () => {
  it('GET /api/me and /api/guilds for the demo owner', async () => {
    const me = await h.request('/api/me', { headers: h.headers('owner') });
    expect(me.status).toBe(200);
    expect((await me.json()).id).toBe(h.users.owner);
    const res = await h.request('/api/guilds', { headers: h.headers('owner') });
    const body = (await res.json()) as { guilds: { id: string; botPresent: boolean; access: string }[] };
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body.guilds.find((g) => g.id === h.demo.guildId)).toMatchObject({ botPresent: true, access: 'owner' });
  });

  it('guild overview', async () => {
    const res = await h.request(`/api/guilds/${h.demo.guildId}`, { headers: h.headers('admin') });
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body).toMatchObject({ id: h.demo.guildId, access: 'admin' });
  });
});
