import { GatewayDispatchEvents as E, GatewayIntentBits as I } from 'discord-api-types/v10';
import type { APIMessage, GatewayGuildCreateDispatchData } from 'discord-api-types/v10';

/** What a session needs to know to shape a payload for itself. */
export interface ShapeContext {
  intents: number;
  botUserId: string;
  /** GUILD_CREATE lists every member only up to this count (Identify `large_threshold`). */
  largeThreshold: number;
}

/**
 * Returns the payload as this session must see it, or the same object when nothing
 * changes (payloads are shared between sessions, never mutated).
 * @see https://discord.com/developers/docs/events/gateway#message-content-intent
 */
export function shapePayload(t: string, d: unknown, ctx: ShapeContext): unknown {
  if (t === E.GuildCreate) return shapeGuildCreate(d as GatewayGuildCreateDispatchData, ctx);
  if ((t === E.MessageCreate || t === E.MessageUpdate) && !(ctx.intents & I.MessageContent)) {
    return stripContent(d as APIMessage & { guild_id?: string }, ctx.botUserId);
  }
  return d;
}

/** Without MESSAGE_CONTENT, guild messages lose content, embeds, attachments, components and polls. */
function stripContent(m: APIMessage & { guild_id?: string }, botUserId: string): unknown {
  const exempt =
    !m.guild_id || m.author?.id === botUserId || (m.mentions ?? []).some((u) => u.id === botUserId);
  if (exempt) return m;
  const stripped: Record<string, unknown> = { ...m };
  if ('content' in m) stripped.content = '';
  if ('embeds' in m) stripped.embeds = [];
  if ('attachments' in m) stripped.attachments = [];
  if ('components' in m) stripped.components = [];
  delete stripped.poll;
  return stripped;
}

/**
 * Without GUILD_MEMBERS (or above `large_threshold`) Discord sends only the bot's own member
 * and those in voice; without GUILD_PRESENCES no presences; without GUILD_VOICE_STATES no voice states.
 */
function shapeGuildCreate(g: GatewayGuildCreateDispatchData, ctx: ShapeContext): unknown {
  const members = g.members ?? [];
  const voiceStates = g.voice_states ?? [];
  const large = (g.member_count ?? members.length) > ctx.largeThreshold;
  const fullMembers = (ctx.intents & I.GuildMembers) !== 0 && !large;
  const keepVoice = (ctx.intents & I.GuildVoiceStates) !== 0;
  const keepPresences = (ctx.intents & I.GuildPresences) !== 0;
  if (fullMembers && keepVoice && keepPresences && g.large === large) return g;
  const inVoice = new Set(keepVoice ? voiceStates.map((v) => v.user_id) : []);
  return {
    ...g,
    large,
    members: fullMembers ? members : members.filter((m) => m.user?.id === ctx.botUserId || inVoice.has(m.user?.id ?? '')),
    voice_states: keepVoice ? voiceStates : [],
    presences: keepPresences ? (g.presences ?? []) : [],
  };
}
