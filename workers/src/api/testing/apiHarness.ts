import { randomInt } from 'node:crypto';
import { ApplicationFlags, PermissionFlagsBits as P } from 'discord-api-types/v10';
import { neonConfig } from '@neondatabase/serverless';
import WebSocket from 'ws';
import { startLocalStack } from '@edge/dev';
import { makeTestVars } from '@edge/dev/testing';
import { createApp } from '../../app';
import { signAccessToken } from '../../auth/accessToken';
import { discordTokens } from '../../auth/discordTokens';
import { sessionStore } from '../../auth/sessionStore';
import { readConfig, type Config, type Env } from '../../env';
import { createDb } from '../../lib/db';
import { createDemoGuild, type DemoGuild } from '@edge/simulator/state';
import { inProcessHub } from './inProcessHub';
import { startSimRest, type SimRest } from './startSimRest';

/**
 * Test users of the authorization matrix: `admin` holds an Administrator role without owning
 * the guild; `manager` holds only Manage Server; `staff` holds Manage Server, Manage Roles,
 * Manage Channels, Kick Members and Manage Nicknames on a role just below Moderator;
 * `foreign` has Manage Server in the other guild only; `otherAdmin` owns the other guild.
 */
export type Persona = 'anonymous' | 'member' | 'otherAdmin' | 'foreign' | 'viewer' | 'manager' | 'staff' | 'admin' | 'owner';

/** Options of {@link startApiHarness}. */
export interface HarnessOptions {
  /** Worker variables to override. */
  overrides?: Record<string, string>;
  /** Real servers instead of PGlite and the embedded Redis engine (see {@link apiBackends}). */
  backends?: { databaseUrl?: string; redisUrl?: string };
}

/**
 * The backends API and auth tests run against: the embedded defaults, and this machine's real
 * Postgres and Redis when `TEST_DATABASE_URL` / `TEST_REDIS_URL` are set (CI), for `describe.each`.
 */
export function apiBackends(): [string, NonNullable<HarnessOptions['backends']>][] {
  const targets: [string, NonNullable<HarnessOptions['backends']>][] = [['embedded PGlite + Redis engine', {}]];
  if (process.env.TEST_DATABASE_URL || process.env.TEST_REDIS_URL) {
    targets.push(['TEST_DATABASE_URL / TEST_REDIS_URL', { databaseUrl: process.env.TEST_DATABASE_URL, redisUrl: process.env.TEST_REDIS_URL }]);
  }
  return targets;
}

/** Everything a test of `/auth` and `/api` needs, started and stopped together. */
export interface ApiHarness {
  app: ReturnType<typeof createApp>;
  env: Env;
  config: Config;
  sim: SimRest;
  demo: DemoGuild;
  otherGuildId: string;
  /** A role of the other guild (an overwrite id that must be refused in the demo guild). */
  otherGuildRoleId: string;
  /** The roles of `manager` and `staff`. */
  personaRoles: { manager: string; staff: string };
  users: Record<Exclude<Persona, 'anonymous'>, string>;
  /** Request headers (cookie + Origin) of a persona. */
  headers(p: Persona): Record<string, string>;
  /** `app.request` with the env bound. */
  request(path: string, init?: RequestInit): Promise<Response>;
  stop(): Promise<void>;
}

/**
 * Local stack (PGlite + Neon proxy + Redis REST) + the simulator's REST API + the Worker app
 * in-process. Personas get real sessions (a users row with a simulator OAuth token, a
 * refresh-token session, a signed access JWT); the simulator computes their Discord rights.
 */
export async function startApiHarness(options: HarnessOptions = {}): Promise<ApiHarness> {
  const { overrides = {}, backends = {} } = options;
  // Node 20 has no global WebSocket; the Neon driver needs one.
  neonConfig.webSocketConstructor = WebSocket as never;
  const [stack, sim] = await Promise.all([startLocalStack(backends), startSimRest()]);
  const { state, oauth } = sim.services;
  // Members listing needs the privileged Server Members intent, as on Discord.
  const app = state.applications.create({ name: 'Edge Admin', seed: 'api-tests', flags: ApplicationFlags.GatewayGuildMembers, redirectUris: ['http://127.0.0.1:8787/auth/callback'] });
  // Same guild every run, under ids no other run or test file uses (real Postgres and Redis are shared).
  const demo = createDemoGuild(state, { members: 20, botUserId: app.botUserId, idBase: Date.UTC(2024, 0, 1) + randomInt(1, 2 ** 30) * 1_000 });
  const mk = (username: string) => state.users.create({ username, global_name: null } as never).id;
  const admin = mk('demo_admin');
  state.members.add(demo.guildId, admin, { roles: [demo.roles.admin] });
  const member = demo.memberIds[10]!;
  const viewer = demo.memberIds[11]!;
  // Staff sits just below Moderator: it outranks plain members but not moderators or admins.
  const moderatorPosition = state.guild(demo.guildId).roles[demo.roles.moderator]!.position;
  const staffRole = state.roles.create(demo.guildId, {
    name: 'Staff',
    permissions: P.ManageGuild | P.ManageRoles | P.ManageChannels | P.KickMembers | P.ManageNicknames | P.ViewChannel | P.SendMessages,
    position: moderatorPosition,
  }).id;
  const managerRole = state.roles.create(demo.guildId, { name: 'Server Manager', permissions: P.ManageGuild | P.ViewChannel }).id;
  const manager = mk('demo_manager');
  state.members.add(demo.guildId, manager, { roles: [managerRole] });
  const staff = mk('demo_staff');
  state.members.add(demo.guildId, staff, { roles: [staffRole] });
  const otherAdmin = mk('other_owner');
  const other = state.guilds.create({ name: 'Other Guild', ownerId: otherAdmin } as never);
  state.members.add(other.id, app.botUserId, {});
  const otherManagerRole = state.roles.create(other.id, { name: 'Other Managers', permissions: P.ManageGuild | P.ManageRoles }).id;
  const foreign = mk('other_manager');
  state.members.add(other.id, foreign, { roles: [otherManagerRole] });
  const users = { owner: demo.ownerId, admin, member, viewer, otherAdmin, foreign, manager, staff };

  const vars = makeTestVars(undefined, {
    ...stack.vars,
    DISCORD_API_BASE: sim.apiBase,
    DISCORD_APPLICATION_ID: app.id,
    DISCORD_CLIENT_ID: app.clientId,
    DISCORD_CLIENT_SECRET: app.clientSecret,
    DISCORD_BOT_TOKEN: app.botToken,
    DISCORD_PUBLIC_KEY: app.publicKey,
    ...overrides,
  });
  const cfg = readConfig(vars as unknown as Env);
  if (!cfg.ok) throw new Error(`bad test config: ${cfg.problems.join('; ')}`);
  const config = cfg.config;
  const env = { ...vars, GUILD_HUB: inProcessHub({ config }) } as unknown as Env;

  const cookies: Partial<Record<Persona, string>> = {};
  const { db, pool } = createDb(config);
  try {
    for (const [persona, userId] of Object.entries(users)) {
      const grant = oauth.grant(app.id, userId, ['identify', 'guilds']);
      await discordTokens.upsertUser(db, config, state.users.get(userId), grant as never);
      const s = await sessionStore.create(db, userId, {});
      cookies[persona as Persona] = `edge_at=${await signAccessToken(config.SESSION_SECRET, { id: userId, familyId: s.familyId })}`;
    }
    await pool.query(`insert into dashboard_access (guild_id, user_id, level) values ($1, $2, 'view') on conflict do nothing`, [demo.guildId, viewer]);
  } finally {
    await pool.end();
  }

  const worker = createApp({
    rateLimits: { global: 100_000, auth: 100_000, mutation: 100_000 },
    log: process.env.API_TEST_LOG ? (l) => l.includes('"error"') && console.error(l) : () => {},
  });
  const origin = new URL(config.PUBLIC_URL).origin;
  return {
    app: worker,
    env,
    config,
    sim,
    demo,
    otherGuildId: other.id,
    otherGuildRoleId: otherManagerRole,
    personaRoles: { manager: managerRole, staff: staffRole },
    users,
    headers: (p) => ({ origin, 'content-type': 'application/json', ...(p !== 'anonymous' && { cookie: cookies[p]! }) }),
    request: async (path, init) => worker.request(path, init, env),
    stop: async () => {
      await sim.stop();
      await stack.stop();
    },
  };
}
