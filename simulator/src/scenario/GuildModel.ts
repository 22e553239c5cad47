import { ChannelType, PermissionFlagsBits } from 'discord-api-types/v10';
import type { APIChannel } from 'discord-api-types/v10';
import type { SimState } from '../state/SimState.js';

const TEXT_TYPES = new Set<number>([ChannelType.GuildText, ChannelType.PublicThread]);
const VOICE_TYPES = new Set<number>([ChannelType.GuildVoice]);
const RECENT_MESSAGES = 32;

/** A list with O(1) add, remove and random pick, in a deterministic order. */
export class IndexedSet {
  readonly items: string[] = [];
  private readonly index = new Map<string, number>();

  get size(): number {
    return this.items.length;
  }

  has(id: string): boolean {
    return this.index.has(id);
  }

  add(id: string): void {
    if (this.index.has(id)) return;
    this.index.set(id, this.items.length);
    this.items.push(id);
  }

  /** Swap-remove: moves the last item into the hole. */
  delete(id: string): void {
    const i = this.index.get(id);
    if (i === undefined) return;
    const last = this.items.pop()!;
    this.index.delete(id);
    if (last !== id) {
      this.items[i] = last;
      this.index.set(last, i);
    }
  }
}

/**
 * What the scenario knows of one guild: the channels it chats and talks in, the humans it
 * may animate, who is in voice since when, and its recent messages (to react to).
 */
export class GuildModel {
  readonly textChannels: string[];
  readonly voiceChannels: string[];
  /** Humans who may act (never the owner's departure, never bots). */
  readonly members = new IndexedSet();
  /** userId → voice channel and the clock time they entered it. */
  readonly inVoice = new Map<string, { channelId: string; since: number }>();
  /** Same users as `inVoice`, for O(1) random picks. */
  readonly voiceUsers = new IndexedSet();
  readonly recent: { channelId: string; messageId: string }[] = [];
  joined = 0;

  constructor(
    state: SimState,
    readonly guildId: string,
    readonly ownerId: string,
    now: () => number,
    /** The guild's channels (the caller groups them once for many guilds). */
    channels: APIChannel[] = channelsByGuild(state).get(guildId) ?? [],
  ) {
    const g = state.guild(guildId);
    this.textChannels = channels.filter((c) => TEXT_TYPES.has(c.type) && everyoneCanView(c, guildId, channels)).map((c) => c.id);
    this.voiceChannels = channels.filter((c) => VOICE_TYPES.has(c.type) && c.id !== g.afk_channel_id).map((c) => c.id);
    for (const userId of Object.keys(g.members)) {
      if (!state.data.users[userId]?.bot) this.members.add(userId);
    }
    for (const v of Object.values(g.voiceStates)) {
      if (!this.members.has(v.user_id)) continue;
      this.inVoice.set(v.user_id, { channelId: v.channel_id, since: now() });
      this.voiceUsers.add(v.user_id);
    }
  }

  /** Remembers a message as a reaction target. */
  remember(channelId: string, messageId: string): void {
    this.recent.push({ channelId, messageId });
    if (this.recent.length > RECENT_MESSAGES) this.recent.shift();
  }
}

/** Channels whose @everyone (own or parent category) overwrite hides them are left out (e.g. staff rooms). */
function everyoneCanView(c: APIChannel, guildId: string, all: APIChannel[]): boolean {
  const denied = (ch: APIChannel | undefined): boolean =>
    !!ch && 'permission_overwrites' in ch &&
    (ch.permission_overwrites ?? []).some((o) => o.id === guildId && (BigInt(o.deny) & PermissionFlagsBits.ViewChannel) !== 0n);
  const parentId = 'parent_id' in c ? c.parent_id : null;
  return !denied(c) && !denied(all.find((p) => p.id === parentId));
}

/** Every guild channel grouped by guild, in one pass. */
export function channelsByGuild(state: SimState): Map<string, APIChannel[]> {
  const out = new Map<string, APIChannel[]>();
  for (const c of Object.values(state.data.channels)) {
    if (!('guild_id' in c) || !c.guild_id) continue;
    let list = out.get(c.guild_id);
    if (!list) out.set(c.guild_id, (list = []));
    list.push(c);
  }
  return out;
}
