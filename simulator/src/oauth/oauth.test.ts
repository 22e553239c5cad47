import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayDispatchEvents, Routes } from 'discord-api-types/v10';
import { REST, DiscordAPIError } from '@discordjs/rest';
import * as spec from 'discord-api-spec/zod';
import { startSimulator, type Simulator, type SimDispatch } from '../index.js';

let sim: Simulator;
const redirect = 'http://127.0.0.1:9/callback';

beforeAll(async () => {
  sim = await startSimulator({ port: 0, members: 10, seed: 5 });
});
afterAll(async () => {
  await sim?.stop();
});

const authorizeUrl = (extra: Record<string, string>) =>
  `${sim.url}/oauth2/authorize?${new URLSearchParams({ client_id: sim.application.clientId, redirect_uri: redirect, response_type: 'code', scope: 'identify guilds', state: 'st8', ...extra })}`;

async function token(form: Record<string, string>, basic = false) {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (basic) headers.authorization = `Basic ${Buffer.from(`${sim.application.clientId}:${sim.application.clientSecret}`).toString('base64')}`;
  else Object.assign(form, { client_id: sim.application.clientId, client_secret: sim.application.clientSecret });
  const res = await fetch(`${sim.api}/v10/oauth2/token`, { method: 'POST', headers, body: new URLSearchParams(form) });
  return { status: res.status, body: (await res.json()) as Record<string, string> };
}

describe('OAuth2', () => {
  it('shows a consent page, redirects with code and state, exchanges and refreshes', async () => {
    const page = await fetch(authorizeUrl({}));
    const html = await page.text();
    expect(html).toContain('id="authorize"');
    const member = sim.state.members.list(sim.guildId, 100).find((m) => m.user_id !== sim.owner.id && !sim.state.data.users[m.user_id]!.bot)!;
    const form = new URLSearchParams({ client_id: sim.application.clientId, redirect_uri: redirect, scope: 'identify guilds', state: 'st8', login_as: member.user_id, action: 'authorize' });
    const approved = await fetch(`${sim.url}/oauth2/authorize`, { method: 'POST', body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' }, redirect: 'manual' });
    expect(approved.status).toBe(302);
    const loc = new URL(approved.headers.get('location')!);
    expect(loc.searchParams.get('state')).toBe('st8');
    const code = loc.searchParams.get('code')!;
    const t = await token({ grant_type: 'authorization_code', code, redirect_uri: redirect });
    expect(t.status).toBe(200);
    expect(t.body).toMatchObject({ token_type: 'Bearer', scope: 'identify guilds' });
    expect((await token({ grant_type: 'authorization_code', code, redirect_uri: redirect })).body.error).toBe('invalid_grant');

    const user = new REST({ api: sim.api, authPrefix: 'Bearer', retries: 0 }).setToken(t.body.access_token!);
    const me = (await user.get(Routes.user('@me'))) as { id: string };
    expect(spec.UserPIIResponseSchema!.safeParse(me).success).toBe(true);
    expect(me.id).toBe(member.user_id);
    const guilds = (await user.get(Routes.userGuilds())) as { id: string; permissions: string; owner: boolean }[];
    expect(guilds).toEqual([expect.objectContaining({ id: sim.guildId, owner: false, permissions: String(sim.state.permissionsOf(sim.guildId, member.user_id)) })]);
    guilds.forEach((g) => expect(spec.MyGuildResponseSchema!.safeParse(g).success).toBe(true));
    const denied = await user.get(Routes.guildMembers(sim.guildId)).catch((e: unknown) => e);
    expect((denied as DiscordAPIError).status).toBe(401);

    const r = await token({ grant_type: 'refresh_token', refresh_token: t.body.refresh_token! }, true);
    expect(r.status).toBe(200);
    expect(r.body.access_token).not.toBe(t.body.access_token);
    expect((await token({ grant_type: 'refresh_token', refresh_token: t.body.refresh_token! })).body.error).toBe('invalid_grant');
    expect((await fetch(`${sim.api}/v10/users/@me`, { headers: { authorization: `Bearer ${t.body.access_token}` } })).status).toBe(401);
    const bad = await fetch(`${sim.api}/v10/oauth2/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: 'x', client_id: sim.application.clientId, client_secret: 'wrong' }) });
    expect([bad.status, ((await bad.json()) as { error: string }).error]).toEqual([401, 'invalid_client']);
  });

  it('auto-approves with prompt=none as the demo owner; the bot scope adds the bot to a guild', async () => {
    const g = sim.state.guilds.create({ name: 'Second', ownerId: sim.owner.id });
    const events: SimDispatch[] = [];
    sim.state.on('dispatch', (e) => events.push(e));
    const res = await fetch(authorizeUrl({ prompt: 'none', scope: 'bot identify', guild_id: g.id, permissions: '8' }), { redirect: 'manual' });
    expect(res.status).toBe(302);
    const loc = new URL(res.headers.get('location')!);
    expect(loc.searchParams.get('guild_id')).toBe(g.id);
    expect(sim.state.guild(g.id).members[sim.application.botUserId]).toBeDefined();
    expect(events.find((e) => e.t === GatewayDispatchEvents.GuildCreate)).toMatchObject({ userIds: [sim.application.botUserId], guildId: g.id });
    const t = await token({ grant_type: 'authorization_code', code: loc.searchParams.get('code')!, redirect_uri: redirect });
    expect(t.body).toMatchObject({ guild: expect.objectContaining({ id: g.id }) });
  });
});
