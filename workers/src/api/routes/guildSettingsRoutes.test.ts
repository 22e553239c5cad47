import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiHarness, type ApiHarness } from '../testing/apiHarness';

let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness();
});
afterAll(async () => {
  await h?.stop();
});

const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const call = (method: string, body?: unknown) =>
  h.request(`/api/guilds/${h.demo.guildId}/settings`, { method, headers: h.headers('admin'), body: body === undefined ? undefined : JSON.stringify(body) });

describe('server settings', () => {
  it('reads and changes name, icon, verification, notifications, content filter and system channel in Discord', async () => {
    const before = (await (await call('GET')).json()) as Record<string, unknown>;
    expect(before).toMatchObject({ name: 'Demo Guild', icon: null, verificationLevel: 1 });
    const general = h.demo.channels['general']!;
    const res = await call('PATCH', { name: 'Renamed Guild', icon: PNG, verificationLevel: 3, defaultNotifications: 0, explicitContentFilter: 1, systemChannelId: general });
    const after = (await res.json()) as Record<string, unknown>;
    expect(res.status, JSON.stringify(after)).toBe(200);
    const g = h.sim.services.state.guild(h.demo.guildId);
    expect(g).toMatchObject({ name: 'Renamed Guild', verification_level: 3, default_message_notifications: 0, explicit_content_filter: 1, system_channel_id: general });
    expect(after.icon).toMatch(/^[0-9a-f]{32}$/);
    const log = (await (await h.request(`/api/guilds/${h.demo.guildId}/audit-log?limit=1`, { headers: h.headers('admin') })).json()) as { entries: { action: string; details: Record<string, unknown> }[] };
    expect(log.entries[0]).toMatchObject({ action: 'guild.update', details: { name: 'Renamed Guild', icon: 'changed' } });
  });

  it('refuses bad input with a clear 400 before reaching Discord', async () => {
    expect((await call('PATCH', { name: 'x' })).status).toBe(400);
    expect((await call('PATCH', { icon: 'data:text/plain;base64,aGk=' })).status).toBe(400);
    expect((await call('PATCH', { verificationLevel: 9 })).status).toBe(400);
    expect((await call('PATCH', {})).status).toBe(400);
    const voice = h.demo.channels['lounge']!;
    const res = await call('PATCH', { systemChannelId: voice });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toContain('text channel');
  });
});
