import { PermissionFlagsBits as P } from 'discord-api-types/v10';
import type { SimState } from './SimState.js';
import { SeededRandom } from './random.js';
import { SnowflakeGenerator } from './snowflake.js';
import { demoChannels } from './demoLayout.js';

/** Options for the demo guild. */
export interface DemoGuildOptions {
  seed?: number | string;
  /** Total human members besides the owner (default 50). */
  members?: number;
  name?: string;
  /** A bot user to add (with its managed role), e.g. the application's bot. */
  botUserId?: string;
  /**
   * Time (ms) the demo's ids and dates are built from, instead of one derived from the seed:
   * the same guild (members, roles, who holds what) under ids no other run uses, for tests that
   * share a real Postgres or Redis.
   */
  idBase?: number;
}

/** What the demo builder made, for tests and the CLI. */
export interface DemoGuild {
  guildId: string;
  ownerId: string;
  roles: { admin: string; moderator: string; bot: string | null; events: string; verified: string; newcomer: string };
  /** Channel ids by name (e.g. `general`, `mod-log`, `lounge`, `category:community`). */
  channels: Record<string, string>;
  memberIds: string[];
}

const FIRST = ['alex', 'sam', 'robin', 'charlie', 'jules', 'max', 'lou', 'noa', 'eden', 'camille', 'yuki', 'ines', 'leo', 'mia', 'tom', 'zoe', 'nils', 'ava', 'rafa', 'lina'];
const SUFFIX = ['', '_dev', '_gg', '42', '_art', 'xo', '_fr', '_99', '_io', 'z'];
const DAY = 86_400_000;

/**
 * Builds "Demo Guild" deterministically from a seed: categories, text/voice/announcement channels and
 * a thread, roles (Admin, Moderator, the bot's managed role, Events, Verified, Newcomer), a human owner
 * (`demo_owner`, who logs into the dashboard) and `members` members. Built quietly; when a bot is
 * given, it is added last so it receives GUILD_CREATE if connected.
 */
export function createDemoGuild(state: SimState, opts: DemoGuildOptions = {}): DemoGuild {
  const seed = opts.seed ?? 1;
  const rnd = new SeededRandom(seed);
  const seeded = Date.UTC(2024, 0, 1) + (typeof seed === 'number' ? seed : rnd.int(0, 10_000)) * 1_000;
  const base = opts.idBase ?? seeded;
  const saved = state.snowflakes;
  state.snowflakes = new SnowflakeGenerator(() => base);
  let demo: DemoGuild;
  try {
    demo = state.quietly(() => build(state, rnd, base, opts));
  } finally {
    state.snowflakes = saved;
  }
  if (opts.botUserId) {
    // Added last and not quietly: a connected bot receives GUILD_CREATE, as when it is invited.
    state.members.add(demo.guildId, opts.botUserId, { roles: demo.roles.bot ? [demo.roles.bot] : [] });
  }
  return demo;
}

function build(state: SimState, rnd: SeededRandom, base: number, opts: DemoGuildOptions): DemoGuild {
  const ids = new SnowflakeGenerator(() => base - 700 * DAY, 2n);
  const owner = state.users.create({ id: ids.next(), username: 'demo_owner', global_name: 'Demo Owner', email: 'owner@demo.local', locale: 'en-US' });
  const g = state.guilds.create({ name: opts.name ?? 'Demo Guild', ownerId: owner.id, description: 'A simulated community for the offline demo' });
  const role = (name: string, color: number, permissions: bigint, hoist = false) => state.roles.create(g.id, { name, color, permissions, hoist, mentionable: true }).id;
  // Created top-down: each new role lands at position 1 and pushes the earlier ones up.
  const admin = role('Admin', 0xe74c3c, P.Administrator, true);
  let botRole: string | null = null;
  if (opts.botUserId) {
    const botPerms = P.ManageGuild | P.ManageRoles | P.ManageChannels | P.KickMembers | P.BanMembers | P.ModerateMembers | P.ManageMessages | P.ManageNicknames | P.ViewAuditLog | P.ManageWebhooks | P.ViewChannel | P.SendMessages | P.EmbedLinks | P.ReadMessageHistory | P.AddReactions | P.MuteMembers | P.MoveMembers | P.ManageThreads;
    botRole = state.roles.create(g.id, { name: state.users.get(opts.botUserId).username, permissions: botPerms, managed: true, tags: { bot_id: opts.botUserId } }).id;
  }
  const moderator = role('Moderator', 0x3498db, P.KickMembers | P.BanMembers | P.ModerateMembers | P.ManageMessages | P.ManageNicknames | P.ViewAuditLog | P.MuteMembers | P.MoveMembers | P.ManageThreads, true);
  const events = role('Events', 0xe67e22, 0n, true);
  const verified = role('Verified', 0x2ecc71, 0n);
  const newcomer = role('Newcomer', 0x95a5a6, 0n);
  const channels = demoChannels(state, g.id, { moderator, verified });
  g.system_channel_id = channels['welcome'] ?? null;
  g.rules_channel_id = channels['rules'] ?? null;
  g.afk_channel_id = channels['afk'] ?? null;
  g.emojis = ['party_blob', 'pepe_ok', 'edge'].map((name) => ({ id: ids.next(), name, roles: [], require_colons: true, managed: false, animated: false, available: true }));
  state.members.update(g.id, owner.id, { roles: [admin, verified] });

  const memberIds: string[] = [];
  const count = opts.members ?? 50;
  for (let i = 0; i < count; i++) {
    const name = `${rnd.pick(FIRST)}${rnd.pick(SUFFIX)}${i}`;
    const u = state.users.create({ id: ids.at(base - rnd.int(30, 900) * DAY), username: name, global_name: name.replace(/[_\d]+/g, ' ').trim() || name });
    const roles = i < 2 ? [moderator, verified] : rnd.chance(0.8) ? [verified] : [newcomer];
    if (rnd.chance(0.2)) roles.push(events);
    const joinedAt = new Date(base - rnd.int(1, 600) * DAY).toISOString();
    state.members.add(g.id, u.id, { roles, joinedAt, nick: rnd.chance(0.15) ? `${name}🌟` : null, silent: true });
    memberIds.push(u.id);
  }
  const general = channels['general']!;
  state.messages.create(channels['rules']!, { authorId: owner.id, content: 'Welcome to the Demo Guild! Be kind, no spam.' });
  state.messages.create(general, { authorId: memberIds[0] ?? owner.id, content: 'hello everyone 👋' });
  return { guildId: g.id, ownerId: owner.id, roles: { admin, moderator, bot: botRole, events, verified, newcomer }, channels, memberIds };
}
