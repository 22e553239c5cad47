import { GatewayDispatchEvents as E, GatewayIntentBits as I, PermissionFlagsBits as P } from 'discord-api-types/v10';
import type { ModuleDefinition } from '../../platform/ModuleDefinition';
import { createStarboardApi } from './api';
import { starboardConfigSchema } from './config';
import { starStore } from './data/starStore';
import { STAR_FIELDS, starHandlers } from './events/starEvents';
import { STARBOARD_LIMITS } from './limits';
import { readEntries } from './readEntries';

/** Messages that reach N stars are reposted to a starboard channel (issue #17). */
export const starboardModule: ModuleDefinition<typeof starboardConfigSchema> = {
  id: 'starboard',
  name: 'Starboard',
  description: 'Messages that reach a number of ⭐ reactions are reposted to a starboard channel, with the count kept up to date',
  icon: '⭐',
  category: 'engagement',
  availability: { free: true, premium: true, max: true },
  limits: STARBOARD_LIMITS,
  usage: (c) => ({ ignoredChannels: c.ignoredChannels.length }),
  dependencies: [],
  events: [E.MessageReactionAdd, E.MessageReactionRemove, E.MessageReactionRemoveAll, E.MessageReactionRemoveEmoji],
  // Reactions come from the gateway; the starred message's text is read once from REST when it
  // reaches the threshold, which needs the Message Content intent.
  intents: [I.GuildMessageReactions, I.MessageContent],
  fields: { [E.MessageReactionAdd]: STAR_FIELDS, [E.MessageReactionRemove]: STAR_FIELDS },
  configSchema: starboardConfigSchema,
  // Read the starred message and its reactors, post and edit in the starboard with embeds.
  botPermissions: P.ViewChannel | P.ReadMessageHistory | P.SendMessages | P.EmbedLinks,
  eventHandlers: starHandlers,
  readLocal: readEntries,
  // Nothing goes to Postgres: the aligned flush forgets messages that never reached the board.
  flush: async (ctx) => ({ statements: 0, pending: starStore.prune(ctx.local, ctx.now.getTime()) }),
  api: createStarboardApi(),
};
