import {
  GatewayDispatchEvents,
  type GatewayGuildMemberAddDispatchData,
  type GatewayGuildMemberRemoveDispatchData,
  type GatewayMessageCreateDispatchData,
  type GatewayMessageReactionAddDispatchData,
  type GatewayVoiceStateUpdateDispatchData,
} from 'discord-api-types/v10';
import { statsConfigSchema, type StatsConfig } from '../config';

/** What the stats writer needs of a stored event (a subset of the processor's `ModuleEvent`). */
export interface StatsBatchEvent {
  eventId: string;
  guildId: string;
  type: string;
  payload: unknown;
  /** When the shard received it from the gateway: the time the event is counted at. */
  receivedAt: Date;
  /** The module's config for the guild; defaults when absent. */
  config?: unknown;
}

/** The kinds of rows the writer counts. */
export type StatsKind = 'message' | 'reaction' | 'join' | 'leave' | 'voice';

/** One event reduced to what is counted (short keys: the batch travels as one JSON parameter). */
export interface StatsRow {
  /** event id */
  e: string;
  /** guild id */
  g: string;
  k: StatsKind;
  /** user id */
  u: string;
  /** channel id (for `voice`, the channel after the change; null = left voice) */
  c: string | null;
  /** ISO time */
  t: string;
  /** position in the batch (voice changes sharing a timestamp are ordered by event id, the same in every batch) */
  s: number;
}

const DEFAULTS = statsConfigSchema.parse({});

function configOf(raw: unknown): StatsConfig {
  if (raw === undefined || raw === null) return DEFAULTS;
  const parsed = statsConfigSchema.safeParse(raw);
  return parsed.success ? parsed.data : DEFAULTS;
}

/**
 * Reduces one gateway dispatch to a counted row, or null when stats ignore it (other types,
 * bots unless `countBots`, ignored channels, malformed payloads). Voice in an ignored channel
 * becomes "not in voice" so that time is not credited.
 */
export function toStatsRow(event: StatsBatchEvent, seq: number): StatsRow | null {
  const p = event.payload as Record<string, unknown> | null;
  if (!p || typeof p !== 'object' || !event.guildId) return null;
  const t = event.receivedAt instanceof Date && !Number.isNaN(event.receivedAt.getTime()) ? event.receivedAt.toISOString() : null;
  if (!t) return null;
  const cfg = configOf(event.config);
  const ignored = (channelId: string | null | undefined) => !!channelId && cfg.ignoredChannelIds.includes(channelId);
  const base = { e: event.eventId, g: event.guildId, t, s: seq };
  switch (event.type) {
    case GatewayDispatchEvents.MessageCreate: {
      const m = p as unknown as GatewayMessageCreateDispatchData;
      if (!m.author?.id || !m.channel_id || ignored(m.channel_id)) return null;
      if (!cfg.countBots && (m.author.bot || m.webhook_id)) return null;
      return { ...base, k: 'message', u: m.author.id, c: m.channel_id };
    }
    case GatewayDispatchEvents.MessageReactionAdd: {
      const r = p as unknown as GatewayMessageReactionAddDispatchData;
      if (!r.user_id || !r.channel_id || ignored(r.channel_id)) return null;
      if (!cfg.countBots && r.member?.user?.bot) return null;
      return { ...base, k: 'reaction', u: r.user_id, c: r.channel_id };
    }
    case GatewayDispatchEvents.GuildMemberAdd: {
      const m = p as unknown as GatewayGuildMemberAddDispatchData;
      return m.user?.id ? { ...base, k: 'join', u: m.user.id, c: null } : null;
    }
    case GatewayDispatchEvents.GuildMemberRemove: {
      const m = p as unknown as GatewayGuildMemberRemoveDispatchData;
      return m.user?.id ? { ...base, k: 'leave', u: m.user.id, c: null } : null;
    }
    case GatewayDispatchEvents.VoiceStateUpdate: {
      const v = p as unknown as GatewayVoiceStateUpdateDispatchData;
      if (!v.user_id) return null;
      if (!cfg.countBots && v.member?.user?.bot) return null;
      const channel = v.channel_id && !ignored(v.channel_id) ? v.channel_id : null;
      return { ...base, k: 'voice', u: v.user_id, c: channel };
    }
    default:
      return null;
  }
}
