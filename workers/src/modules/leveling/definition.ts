import { GatewayDispatchEvents, GatewayIntentBits, PermissionFlagsBits as P } from 'discord-api-types/v10';
import type { ModuleDefinition } from '../../platform/ModuleDefinition';
import { createLevelingApi } from './api';
import { levelsCommand, levelsPageComponent } from './commands/levelsCommand';
import { rankCommand } from './commands/rankCommand';
import { xpCommand } from './commands/xpCommand';
import { levelingConfigSchema } from './config';
import { levelingBatchHandler } from './events/levelingBatchHandler';
import { flushLeveling } from './hub/flushLeveling';
import { readLeveling } from './hub/readLeveling';

/** XP for messages and voice time, levels, role rewards and leaderboards (issue #17). */
export const levelingModule: ModuleDefinition<typeof levelingConfigSchema> = {
  id: 'leveling',
  name: 'Leveling',
  description: 'XP for messages and voice time, levels with role rewards, rank cards and a leaderboard',
  icon: '⭐',
  category: 'engagement',
  availability: { free: true, premium: true, max: true },
  // Role rewards are free on every plan (MEE6 charges for them).
  limits: {},
  dependencies: [],
  events: [GatewayDispatchEvents.MessageCreate, GatewayDispatchEvents.VoiceStateUpdate],
  // Messages and voice states in guilds; content is never read.
  intents: [GatewayIntentBits.GuildMessages, GatewayIntentBits.GuildVoiceStates],
  // What toXpInput reads: the author, the channel, the member's roles (no-XP roles), voice flags.
  fields: {
    [GatewayDispatchEvents.MessageCreate]: ['channel_id', 'author.id', 'author.bot', 'webhook_id', 'member.roles'],
    [GatewayDispatchEvents.VoiceStateUpdate]: ['channel_id', 'user_id', 'deaf', 'self_deaf', 'member.roles', 'member.user.bot'],
  },
  configSchema: levelingConfigSchema,
  // Reward roles (Manage Roles, below the bot's highest role) and announcements.
  botPermissions: P.ManageRoles | P.ViewChannel | P.SendMessages,
  commands: [rankCommand, levelsCommand, xpCommand],
  components: [levelsPageComponent],
  batchHandler: levelingBatchHandler,
  // Counted in the guild's hub, flushed to Postgres at aligned times with Stats (one row per batch).
  flush: flushLeveling,
  readLocal: readLeveling,
  api: createLevelingApi(),
};
