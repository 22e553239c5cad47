import { PGlite } from '@electric-sql/pglite';
import { MIGRATIONS_FOLDER } from '@edge/drizzle';
import { OverwriteType, PermissionFlagsBits } from 'discord-api-types/v10';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onError } from '../../errors';
import type { Db } from '../../lib/db';
import { requestContext } from '../../middleware/request-context';
import type { AppEnv } from '../../types';
import { createModulesApi } from '../../platform/modulesApi';
import { inProcessHub } from '../../api/testing/inProcessHub';
import { startSimRest, type SimRest } from '../../platform/testing/startSimRest';

/**
 * `POST /api/guilds/:guildId/modules/welcome/test` as mounted by `createModulesApi`, with the
 * real hub logic (HubCore on PGlite) and the simulator's REST API playing Discord.
 */
let client: PGlite;
let sim: SimRest;
let app: Hono<AppEnv>;
let env: { GUILD_HUB: unknown };
let guildId: string;
let admin: string;

beforeAll(async () => {
  sim = await startSimRest(5);
  guildId = sim.demo.guildId;
  admin = sim.demo.ownerId;
  client = await PGlite.create();
  const pdb = drizzle(client);
  await migrate(pdb, { migrationsFolder: MIGRATIONS_FOLDER });
  env = { GUILD_HUB: inProcessHub({ db: pdb as unknown as Db }) };
  const config = {
    DATABASE_URL: 'postgres://unused', DISCORD_API_BASE: sim.api, DISCORD_BOT_TOKEN: sim.app.botToken,
    DISCORD_APPLICATION_ID: sim.app.botUserId, DISCORD_CLIENT_ID: sim.app.clientId, DISCORD_OAUTH_BASE: 'https://discord.test',
  };
  app = new Hono<AppEnv>();
  app.use('*', requestContext({ sink: () => {} }));
  app.use('*', async (c, next) => { c.set('config', config as never); await next(); });
  app.route('/api/guilds/:guildId/modules', createModulesApi({ actorId: (c) => c.req.header('x-test-user') ?? null }));
  app.onError(onError);
});

afterAll(async () => {
  await client?.close();
  await sim?.close();
});

const call = (method: string, path: string, body?: unknown, user: string | null = admin) =>
  app.request(`/api/guilds/${guildId}/modules${path}`, {
    method, headers: { 'content-type': 'application/json', ...(user && { 'x-test-user': user }) }, body: body === undefined ? undefined : JSON.stringify(body),
  }, env);
const answer = async (res: Response) => [res.status, (await res.json()) as Record<string, unknown>] as const;

describe('POST /modules/welcome/test', () => {
  it('is 409 while the module is off, 400 without a channel, 401 without a user', async () => {
    const [status, body] = await answer(await call('POST', '/welcome/test'));
    expect([status, body.code]).toEqual([409, 'ModuleDisabled']);
    expect((await call('POST', '/welcome/enable')).status).toBe(200);
    const [s2, b2] = await answer(await call('POST', '/welcome/test'));
    expect([s2, b2.code]).toEqual([400, 'WelcomeChannelNotSet']);
    expect(b2.message).toContain('No welcome channel');
    expect((await call('POST', '/welcome/test', undefined, null)).status).toBe(401);
  });

  it('sends the configured message into the configured channel with the admin as {user}', async () => {
    const channelId = sim.demo.channels.welcome!;
    const config = { channelId, message: 'Hi {user} ({user.name}) in {server}, #{memberCount}' };
    expect((await call('PUT', '/welcome/config', { config })).status).toBe(200);
    const [status, body] = await answer(await call('POST', '/welcome/test'));
    expect(status).toBe(200);
    expect(body).toEqual({ ok: true, messageId: expect.stringMatching(/^\d+$/), channelId });
    const sent = sim.state.messages.get(channelId, body.messageId as string);
    const g = sim.state.guild(guildId);
    const owner = sim.state.users.get(admin);
    expect(sent.content).toBe(`Hi <@${admin}> (${owner.global_name ?? owner.username}) in ${g.name}, #${Object.keys(g.members).length}`);
    expect(sent.author.id).toBe(sim.app.botUserId);
  });

  it('reports Discord refusals: 403 DiscordForbidden with details when the bot may not post, 404 for a deleted channel', async () => {
    const channelId = sim.demo.channels.general!;
    expect((await call('PUT', '/welcome/config', { config: { channelId } })).status).toBe(200);
    sim.state.channels.setOverwrite(channelId, { id: sim.app.botUserId, type: OverwriteType.Member, allow: '0', deny: String(PermissionFlagsBits.SendMessages) });
    const [status, body] = await answer(await call('POST', '/welcome/test'));
    expect([status, body.code, body.details]).toEqual([403, 'DiscordForbidden', { discordCode: 50013 }]);
    expect(body.message).toContain('lacks a permission');
    sim.state.channels.delete(channelId);
    const [s2, b2] = await answer(await call('POST', '/welcome/test'));
    expect([s2, b2.code]).toEqual([404, 'NotFound']);
  });
});

describe('GET /modules/welcome/bot-permissions', () => {
  it('names what the bot lacks of the module’s declared permissions and links an invite asking for exactly those bits', async () => {
    const ok = (await (await call('GET', '/welcome/bot-permissions')).json()) as { required: string; missing: string[]; inviteUrl: string | null };
    const declared = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.EmbedLinks | PermissionFlagsBits.ManageRoles;
    expect(ok).toEqual({ required: declared.toString(), missing: [], inviteUrl: null });
    const botRole = sim.demo.roles.bot!;
    const perms = BigInt(sim.state.roles.get(guildId, botRole).permissions);
    sim.state.roles.update(guildId, botRole, { permissions: perms & ~PermissionFlagsBits.ManageRoles });
    const lacking = (await (await call('GET', '/welcome/bot-permissions')).json()) as typeof ok;
    expect(lacking.missing).toEqual(['ManageRoles']);
    const invite = new URL(lacking.inviteUrl!);
    expect([invite.searchParams.get('permissions'), invite.searchParams.get('guild_id'), invite.searchParams.get('client_id')]).toEqual([declared.toString(), guildId, sim.app.clientId]);
    expect((await call('GET', '/stats/bot-permissions')).status).toBe(200);
  });
});
