import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startLocalStack, type LocalStack } from '@edge/dev';
import { makeTestVars, startTestWorker, type TestWorker } from '@edge/dev/testing';
import { startSimulator, type Simulator } from '@edge/simulator';
import { setCookieLines } from './testing/setCookieLines';

const PUBLIC_URL = 'http://127.0.0.1:8787';
let stack: LocalStack;
let sim: Simulator;
let worker: TestWorker;
const jar = new Map<string, string>();

beforeAll(async () => {
  [stack, sim] = await Promise.all([startLocalStack(), startSimulator({ port: 0, members: 15, oauthAutoApprove: true })]);
  worker = await startTestWorker({
    vars: makeTestVars(stack, {
      PUBLIC_URL,
      DISCORD_API_BASE: sim.api,
      DISCORD_OAUTH_BASE: sim.url,
      DISCORD_APPLICATION_ID: sim.application.id,
      DISCORD_PUBLIC_KEY: sim.application.publicKey,
      DISCORD_BOT_TOKEN: sim.application.botToken,
      DISCORD_CLIENT_ID: sim.application.clientId,
      DISCORD_CLIENT_SECRET: sim.application.clientSecret,
    }),
  });
});
afterAll(async () => {
  await worker?.stop();
  await sim?.stop();
  await stack?.stop();
});

/** fetch with a cookie jar, PUBLIC_URL mapped to the Worker's real address, no auto-redirect. */
async function go(url: string, init: RequestInit = {}): Promise<Response> {
  const real = url.startsWith(PUBLIC_URL) ? worker.url + url.slice(PUBLIC_URL.length) : url.startsWith('/') ? worker.url + url : url;
  const headers = new Headers(init.headers);
  if (real.startsWith(worker.url) && jar.size) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
  const res = await fetch(real, { ...init, headers, redirect: 'manual' });
  for (const line of setCookieLines(res)) {
    const [pair, ...attrs] = line.split(';');
    const [k, v] = [pair!.slice(0, pair!.indexOf('=')), pair!.slice(pair!.indexOf('=') + 1)];
    if (attrs.some((a) => /max-age=0/i.test(a.trim())) || v === '') jar.delete(k);
    else jar.set(k, v);
  }
  return res;
}
const api = (method: string, path: string, body?: unknown) =>
  go(`/api${path}`, { method, headers: { origin: PUBLIC_URL, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });

describe('end to end: the real Worker against the simulator', () => {
  it('logs in through the consent flow and manages the demo guild', async () => {
    // 1. login → Discord (simulator) consent → callback → session cookies
    let res = await go('/auth/login?redirect=/dashboard');
    expect(res.status).toBe(302);
    let location = res.headers.get('location')!;
    expect(location.startsWith(sim.url)).toBe(true);
    for (let hops = 0; hops < 5 && res.status === 302 && !location.startsWith('/'); hops++) {
      res = await go(location);
      location = res.headers.get('location') ?? '';
    }
    expect(location).toBe('/dashboard');
    expect(jar.has('edge_at') && jar.has('edge_rt')).toBe(true);

    // 2. my guilds, then the demo guild
    const me = (await (await api('GET', '/me')).json()) as { id: string };
    expect(me.id).toBe(sim.owner.id);
    const guilds = (await (await api('GET', '/guilds')).json()) as { guilds: { id: string; botPresent: boolean }[] };
    expect(guilds.guilds.find((g) => g.id === sim.guildId)?.botPresent).toBe(true);
    const g = `/guilds/${sim.guildId}`;
    expect((await api('GET', g)).status).toBe(200);

    // 2b. the hub socket: only the dashboard's own origin may open it (cross-site WebSocket hijacking)
    const socket = (origin: string | undefined) =>
      new Promise<number | 'open'>((resolve) => {
        const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
        const ws = new WebSocket(`${worker.url.replace(/^http/, 'ws')}/api${g}/ws`, { headers: { cookie, ...(origin && { origin }) } });
        ws.on('open', () => (ws.close(), resolve('open')));
        ws.on('unexpected-response', (_req, res) => (res.resume(), resolve(res.statusCode ?? 0)));
        ws.on('error', () => resolve(0));
      });
    expect(await socket('http://evil.example')).toBe(403);
    expect(await socket(undefined)).toBe(403);
    expect(await socket(PUBLIC_URL)).toBe('open');

    // 3. Welcome on and configured, through the hub
    const enabled = await api('POST', `${g}/modules/welcome/enable`, {});
    expect(enabled.status, await enabled.clone().text()).toBe(200);
    const welcome = (await (await api('GET', `${g}/modules/welcome`)).json()) as { module: { config: Record<string, unknown>; enabled: boolean } };
    expect(welcome.module.enabled).toBe(true);
    const configured = await api('PUT', `${g}/modules/welcome/config`, { config: welcome.module.config, reason: 'e2e' });
    expect(configured.status, await configured.clone().text()).toBe(200);

    // 4. moderation, visible in the simulator
    const members = (await (await api('GET', `${g}/members?filter=humans&pageSize=100`)).json()) as { members: { id: string; roles: string[] }[] };
    const guild = sim.state.guild(sim.guildId);
    const plain = members.members.filter((m) => m.id !== sim.owner.id && !m.roles.some((r) => guild.roles[r]!.position > 2));
    const [kickId, banId, muteId] = plain.map((m) => m.id);
    expect((await api('POST', `${g}/members/${kickId}/kick`, { reason: 'e2e' })).status).toBe(204);
    expect(guild.members[kickId!]).toBeUndefined();
    expect((await api('POST', `${g}/members/${banId}/ban`, { reason: 'e2e', deleteMessageSeconds: 60 })).status).toBe(204);
    expect(guild.bans[banId!]).toBeDefined();
    expect((await api('POST', `${g}/members/${muteId}/timeout`, { duration: 300 })).status).toBe(200);
    expect(guild.members[muteId!]!.communication_disabled_until).toBeTruthy();

    // 5. a channel and a role: create, change, delete
    const ch = (await (await api('POST', `${g}/channels`, { name: 'e2e' })).json()) as { id: string };
    expect((await api('PATCH', `${g}/channels/${ch.id}`, { topic: 'changed' })).status).toBe(200);
    expect(sim.state.data.channels[ch.id]).toMatchObject({ topic: 'changed' });
    expect((await api('DELETE', `${g}/channels/${ch.id}`)).status).toBe(204);
    const role = (await (await api('POST', `${g}/roles`, { name: 'e2e' })).json()) as { id: string };
    expect((await api('PATCH', `${g}/roles/${role.id}`, { color: 255 })).status).toBe(200);
    expect(guild.roles[role.id]).toMatchObject({ color: 255 });
    expect((await api('DELETE', `${g}/roles/${role.id}`)).status).toBe(204);

    const log = (await (await api('GET', `${g}/audit-log`)).json()) as { entries: { action: string }[] };
    expect(log.entries.map((e) => e.action)).toEqual(expect.arrayContaining(['member.kick', 'member.ban', 'member.timeout', 'channel.create', 'role.delete']));

    // 6. logout ends the session
    expect((await go('/auth/logout', { method: 'POST', headers: { origin: PUBLIC_URL } })).status).toBe(204);
    expect((await api('GET', '/me')).status).toBe(401);

    // 7. every request that reached Discord carried `DiscordBot (url, version)`, OAuth calls included
    expect(sim.userAgentViolations).toEqual([]);
  }, 120_000);
});
