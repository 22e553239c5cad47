/** The kinds of activity the scenario produces. */
export const SCENARIO_EVENT_TYPES = ['message', 'reaction', 'join', 'leave', 'voiceJoin', 'voiceMove', 'voiceLeave', 'messageEdit', 'messageDelete'] as const;
export type ScenarioEventType = (typeof SCENARIO_EVENT_TYPES)[number];

/** One thing the scenario did (and the state dispatched). */
export interface ScenarioEvent {
  type: ScenarioEventType;
  guildId: string;
  userId: string;
  /** Text channel (message, reaction) or the voice channel joined / moved to / left. */
  channelId: string;
  /** Message created, reacted to, edited or deleted. */
  messageId?: string;
  /** Emoji key of a reaction. */
  emoji?: string;
  /** Voice channel left by a move. */
  fromChannelId?: string;
  /** Voice time closed by a move or leave, in seconds (by the scenario's clock). */
  voiceSeconds?: number;
  /** Scenario clock (ms) when it happened. */
  at: number;
}

/** Per-member ground truth in one guild. */
export interface MemberTally {
  messages: number;
  reactions: number;
  joins: number;
  leaves: number;
  voiceJoins: number;
  voiceSeconds: number;
}

/** Per-channel ground truth (text activity, or voice time spent in it). */
export interface ChannelTally {
  messages: number;
  reactions: number;
  voiceSeconds: number;
}

/** Ground truth for one guild. */
export interface GuildTally {
  byType: Record<ScenarioEventType, number>;
  channels: Record<string, ChannelTally>;
  members: Record<string, MemberTally>;
}

/**
 * Exactly what the scenario produced: totals by type, and per guild by type, channel and member.
 * Voice seconds count closed voice sessions only (end them with `scenario.endVoiceSessions()`).
 */
export interface ScenarioTally {
  total: number;
  byType: Record<ScenarioEventType, number>;
  guilds: Record<string, GuildTally>;
}

const zeroTypes = (): Record<ScenarioEventType, number> =>
  Object.fromEntries(SCENARIO_EVENT_TYPES.map((t) => [t, 0])) as Record<ScenarioEventType, number>;

/** An empty tally. */
export function createTally(): ScenarioTally {
  return { total: 0, byType: zeroTypes(), guilds: {} };
}

/** Adds one event to the tally. */
export function recordEvent(tally: ScenarioTally, e: ScenarioEvent): void {
  tally.total++;
  tally.byType[e.type]++;
  const g = (tally.guilds[e.guildId] ??= { byType: zeroTypes(), channels: {}, members: {} });
  g.byType[e.type]++;
  const m = (g.members[e.userId] ??= { messages: 0, reactions: 0, joins: 0, leaves: 0, voiceJoins: 0, voiceSeconds: 0 });
  const channel = (id: string): ChannelTally => (g.channels[id] ??= { messages: 0, reactions: 0, voiceSeconds: 0 });
  switch (e.type) {
    case 'message':
      m.messages++;
      channel(e.channelId).messages++;
      break;
    case 'reaction':
      m.reactions++;
      channel(e.channelId).reactions++;
      break;
    case 'join':
      m.joins++;
      break;
    case 'leave':
      m.leaves++;
      break;
    case 'voiceJoin':
      m.voiceJoins++;
      break;
    case 'voiceMove':
    case 'voiceLeave': {
      const seconds = e.voiceSeconds ?? 0;
      m.voiceSeconds += seconds;
      channel(e.fromChannelId ?? e.channelId).voiceSeconds += seconds;
      break;
    }
  }
}
