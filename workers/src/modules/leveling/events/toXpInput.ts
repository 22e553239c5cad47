import { GatewayDispatchEvents } from 'discord-api-types/v10';
import type { ModuleEvent } from '../../../platform/ModuleDefinition';

/** Admin operations travel to the hub as events of these types (through `hub.runBatch`). */
export const ADJUST_EVENT = 'LEVELING_ADJUST';
export const IMPORT_EVENT = 'LEVELING_IMPORT';

/** An admin's change to one member's XP (`/xp`, the dashboard). */
export interface AdjustPayload {
  op: 'give' | 'take' | 'reset';
  userId: string;
  amount: number;
}

/** An import of XP from a CSV: each listed member's XP set to the given total. */
export interface ImportPayload {
  rows: { userId: string; xp: number; messages?: number }[];
}

/** What the XP rules read from one event. */
export type XpInput =
  | { kind: 'message'; eventId: string; at: number; userId: string; channelId: string; roles: string[] }
  | { kind: 'voice'; eventId: string; at: number; userId: string; channelId: string | null; deaf: boolean; roles: string[] }
  | { kind: 'adjust'; eventId: string; at: number; userId: string; op: AdjustPayload['op']; amount: number }
  | { kind: 'import'; eventId: string; at: number; rows: ImportPayload['rows'] };

interface MessagePayload { channel_id?: string; webhook_id?: string; author?: { id?: string; bot?: boolean }; member?: { roles?: string[] } }
interface VoicePayload { channel_id?: string | null; user_id?: string; deaf?: boolean; self_deaf?: boolean; member?: { roles?: string[]; user?: { bot?: boolean } } }

/** One event as the XP rules see it, or null when it earns nothing whatever the state (bots, webhooks). */
export function toXpInput(e: ModuleEvent): XpInput | null {
  const at = e.receivedAt.getTime();
  const base = { eventId: e.eventId, at };
  switch (e.type as string) {
    case GatewayDispatchEvents.MessageCreate: {
      const p = e.payload as MessagePayload;
      if (!p.author?.id || !p.channel_id || p.author.bot || p.webhook_id) return null;
      return { ...base, kind: 'message', userId: p.author.id, channelId: p.channel_id, roles: p.member?.roles ?? [] };
    }
    case GatewayDispatchEvents.VoiceStateUpdate: {
      const p = e.payload as VoicePayload;
      if (!p.user_id || p.member?.user?.bot) return null;
      return { ...base, kind: 'voice', userId: p.user_id, channelId: p.channel_id ?? null, deaf: p.deaf === true || p.self_deaf === true, roles: p.member?.roles ?? [] };
    }
    case ADJUST_EVENT: {
      const p = e.payload as AdjustPayload;
      return { ...base, kind: 'adjust', userId: p.userId, op: p.op, amount: p.amount };
    }
    case IMPORT_EVENT:
      return { ...base, kind: 'import', rows: (e.payload as ImportPayload).rows };
    default:
      return null;
  }
}
