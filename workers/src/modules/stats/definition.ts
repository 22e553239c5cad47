import { GatewayDispatchEvents, GatewayIntentBits } from 'discord-api-types/v10';
import type { ModuleDefinition } from '../../platform/ModuleDefinition';
import { statsApi } from './api';
import { leaderboardCommand } from './commands/leaderboardCommand';
import { statsCommand } from './commands/statsCommand';
import { statsConfigSchema } from './config';
import { statsBatchHandler } from './events/statsBatchHandler';
import { flushStats } from './hub/flushStats';
import { readStatsPending } from './hub/readStatsPending';
import { STATS_LIMITS } from './limits';

/** Server analytics: messages, reactions, voice time, joins and leaves (seed 000 "Module Stats"). */
export const statsModule: ModuleDefinition<typeof statsConfigSchema> = {
  id: 'stats',
  name: 'Stats',
  description: 'Activity analytics: messages, voice time, reactions, joins and leaves, with leaderboards',
  icon: '📊',
  category: 'analytics',
  availability: { free: true, premium: true, max: true },
  limits: STATS_LIMITS,
  dependencies: [],
  events: [
    GatewayDispatchEvents.MessageCreate,
    GatewayDispatchEvents.MessageReactionAdd,
    GatewayDispatchEvents.VoiceStateUpdate,
    GatewayDispatchEvents.GuildMemberAdd,
    GatewayDispatchEvents.GuildMemberRemove,
  ],
  // Message events in guilds, reactions, voice states, and (privileged) member add/remove.
  // Message content is not needed: stats never read it.
  intents: [
    GatewayIntentBits.GuildMessages,
    GatewayIntentBits.GuildMessageReactions,
    GatewayIntentBits.GuildVoiceStates,
    GatewayIntentBits.GuildMembers,
  ],
  // What toStatsRow reads; joins and leaves are left whole (Welcome renders the user).
  fields: {
    [GatewayDispatchEvents.MessageCreate]: ['channel_id', 'author.id', 'author.bot', 'webhook_id'],
    [GatewayDispatchEvents.MessageReactionAdd]: ['channel_id', 'user_id', 'member.user.bot'],
    [GatewayDispatchEvents.VoiceStateUpdate]: ['channel_id', 'user_id', 'member.user.bot'],
  },
  configSchema: statsConfigSchema,
  // Stats only read gateway events; replies to /stats and /leaderboard are interaction answers.
  botPermissions: 0n,
  commands: [statsCommand, leaderboardCommand],
  batchHandler: statsBatchHandler,
  // Counted in the guild's hub, flushed to Postgres at aligned times (retention rides the flush: no cron).
  flush: flushStats,
  readLocal: readStatsPending,
  api: statsApi,
};
