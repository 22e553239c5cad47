import { GatewayIntentBits } from 'discord-api-types/v10';

/**
 * Intents used until the Worker sends the ones its enabled modules need: what the planned
 * modules read (guilds, members, moderation, messages with content, reactions, voice, automod).
 * It must hold every registered module's intents: a config asking for more makes the shard
 * identify again, and events between the two sessions are lost (Discord replays none).
 */
export const DEFAULT_INTENTS =
  GatewayIntentBits.Guilds |
  GatewayIntentBits.GuildMembers |
  GatewayIntentBits.GuildModeration |
  GatewayIntentBits.GuildVoiceStates |
  GatewayIntentBits.GuildMessages |
  GatewayIntentBits.GuildMessageReactions |
  GatewayIntentBits.MessageContent |
  GatewayIntentBits.AutoModerationConfiguration |
  GatewayIntentBits.AutoModerationExecution;

/** Intents the platform's lifecycle events need whatever the modules: guild list and member counts. */
export const LIFECYCLE_INTENTS = GatewayIntentBits.Guilds | GatewayIntentBits.GuildMembers;
