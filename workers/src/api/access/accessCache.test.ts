import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiHarness, type ApiHarness } from '../testing/apiHarness';

describe('guild access levels cached between requests', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApiHarness();
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('a revoked or changed grant takes effect on the very next request, despite the cache', async () => {
    const guild = `/api/guilds/${h.demo.guildId}`;
    const viewer = h.users.viewer;
    const asViewer = () => h.request(guild, { headers: h.headers('viewer') });
    expect((await asViewer()).status).toBe(200);
    expect((await asViewer()).status).toBe(200); // now from the cache

    expect((await h.request(`${guild}/access/${viewer}`, { method: 'DELETE', headers: h.headers('owner') })).status).toBe(204);
    const refused = await asViewer();
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { code: string }).code).toBe('NoGuildAccess');

    const put = await h.request(`${guild}/access/${viewer}`, { method: 'PUT', headers: h.headers('owner'), body: JSON.stringify({ level: 'edit' }) });
    expect(put.status).toBe(200);
    const again = await asViewer();
    expect(again.status).toBe(200);
    expect(((await again.json()) as { access: string }).access).toBe('edit');
  });

  it('a refusal is not cached: access granted after a 403 works at once', async () => {
    const guild = `/api/guilds/${h.demo.guildId}`;
    const member = h.users.member;
    expect((await h.request(guild, { headers: h.headers('member') })).status).toBe(403);
    expect((await h.request(`${guild}/access/${member}`, { method: 'PUT', headers: h.headers('owner'), body: JSON.stringify({ level: 'view' }) })).status).toBe(200);
    expect((await h.request(guild, { headers: h.headers('member') })).status).toBe(200);
  });
});
