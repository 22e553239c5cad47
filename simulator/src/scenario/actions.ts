import type { SimState } from '../state/SimState.js';
import type { SeededRandom } from '../state/random.js';
import type { GuildModel } from './GuildModel.js';
import type { ScenarioEvent, ScenarioEventType } from './tally.js';

const WORDS = ['hey', 'gg', 'anyone', 'up', 'for', 'a', 'game', 'tonight', 'lol', 'nice', 'build', 'that', 'is', 'so', 'cool', 'thanks', 'welcome', 'new', 'patch', 'notes', 'when', 'raid', 'meme', 'coffee'];
const EMOJIS = ['👍', '❤️', '😂', '🎉', '👀'];

/** A recent message if it still exists (a moderator may have deleted it); forgotten otherwise. */
function findMessage(state: SimState, m: GuildModel, target: { channelId: string; messageId: string }) {
  try {
    return state.messages.get(target.channelId, target.messageId);
  } catch {
    m.recent.splice(m.recent.indexOf(target), 1);
    return null;
  }
}

/**
 * Performs one action of `type` in a guild through the state's mutation methods, falling back
 * to a feasible type when it cannot happen (nobody in voice to leave, no message to react to…).
 * Returns what happened, or null when nothing could.
 */
export function performAction(
  state: SimState, m: GuildModel, type: ScenarioEventType, rnd: SeededRandom, now: () => number, forcedUserId?: string,
): ScenarioEvent | null {
  const base = { guildId: m.guildId, at: now() };
  switch (type) {
    case 'message': {
      if (m.members.size === 0 || m.textChannels.length === 0) return m.textChannels.length ? performAction(state, m, 'join', rnd, now) : null;
      const userId = rnd.pick(m.members.items);
      const channelId = rnd.pick(m.textChannels);
      const words = Array.from({ length: rnd.int(2, 12) }, () => rnd.pick(WORDS));
      const msg = state.messages.create(channelId, { authorId: userId, content: words.join(' ') });
      m.remember(channelId, msg.id);
      return { ...base, type, userId, channelId, messageId: msg.id };
    }
    case 'reaction': {
      if (m.recent.length === 0 || m.members.size === 0) return performAction(state, m, 'message', rnd, now);
      const target = rnd.pick(m.recent);
      const userId = rnd.pick(m.members.items);
      const emoji = rnd.pick(EMOJIS);
      const already = state.messages.reactions.users(target.channelId, target.messageId, emoji).includes(userId);
      if (already) return performAction(state, m, 'message', rnd, now);
      state.messages.reactions.add(target.channelId, target.messageId, userId, emoji);
      return { ...base, type, userId, channelId: target.channelId, messageId: target.messageId, emoji };
    }
    case 'messageEdit': {
      // A member fixes one of the recent messages (Discord: only its author can edit it).
      if (m.recent.length === 0) return performAction(state, m, 'message', rnd, now);
      const target = rnd.pick(m.recent);
      const msg = findMessage(state, m, target);
      if (!msg) return performAction(state, m, 'message', rnd, now);
      state.messages.update(target.channelId, target.messageId, { content: `${msg.content} ${rnd.pick(WORDS)} (edit)` });
      return { ...base, type, userId: msg.author.id, channelId: target.channelId, messageId: target.messageId };
    }
    case 'messageDelete': {
      if (m.recent.length === 0) return performAction(state, m, 'message', rnd, now);
      const target = m.recent[rnd.int(0, m.recent.length - 1)]!;
      const msg = findMessage(state, m, target);
      if (!msg) return performAction(state, m, 'message', rnd, now);
      m.recent.splice(m.recent.indexOf(target), 1);
      state.messages.delete(target.channelId, target.messageId);
      return { ...base, type, userId: msg.author.id, channelId: target.channelId, messageId: target.messageId };
    }
    case 'join': {
      const n = ++m.joined;
      const user = state.users.create({ username: `sim_${m.guildId.slice(-6)}_${n}`, global_name: `Sim ${n}` });
      state.members.add(m.guildId, user.id);
      m.members.add(user.id);
      return { ...base, type, userId: user.id, channelId: '' };
    }
    case 'leave': {
      // Keep a few members around; the owner never leaves.
      if (m.members.size <= 3) return performAction(state, m, 'join', rnd, now);
      let userId = rnd.pick(m.members.items);
      if (userId === m.ownerId) userId = m.members.items.find((id) => id !== m.ownerId)!;
      if (m.inVoice.has(userId)) return performAction(state, m, 'voiceLeave', rnd, now, userId);
      state.members.remove(m.guildId, userId);
      m.members.delete(userId);
      return { ...base, type, userId, channelId: '' };
    }
    case 'voiceJoin': {
      const free = m.members.size - m.voiceUsers.size;
      if (m.voiceChannels.length === 0) return performAction(state, m, 'message', rnd, now);
      if (m.members.size === 0) return performAction(state, m, 'join', rnd, now);
      if (free <= 0) return performAction(state, m, 'voiceLeave', rnd, now);
      const userId = rnd.pick(m.members.items);
      if (m.inVoice.has(userId)) return performAction(state, m, m.voiceChannels.length > 1 ? 'voiceMove' : 'voiceLeave', rnd, now, userId);
      const channelId = rnd.pick(m.voiceChannels);
      state.voice.join(m.guildId, userId, channelId);
      m.inVoice.set(userId, { channelId, since: base.at });
      m.voiceUsers.add(userId);
      return { ...base, type, userId, channelId };
    }
    case 'voiceMove': {
      if (m.voiceUsers.size === 0 || m.voiceChannels.length < 2) return performAction(state, m, 'voiceJoin', rnd, now);
      const userId = forcedUserId ?? rnd.pick(m.voiceUsers.items);
      const cur = m.inVoice.get(userId)!;
      const others = m.voiceChannels.filter((c) => c !== cur.channelId);
      const channelId = rnd.pick(others);
      state.voice.join(m.guildId, userId, channelId);
      m.inVoice.set(userId, { channelId, since: base.at });
      return { ...base, type, userId, channelId, fromChannelId: cur.channelId, voiceSeconds: (base.at - cur.since) / 1000 };
    }
    case 'voiceLeave': {
      if (m.voiceUsers.size === 0) return m.voiceChannels.length ? performAction(state, m, 'voiceJoin', rnd, now) : null;
      const userId = forcedUserId ?? rnd.pick(m.voiceUsers.items);
      const cur = m.inVoice.get(userId)!;
      state.voice.leave(m.guildId, userId);
      m.inVoice.delete(userId);
      m.voiceUsers.delete(userId);
      return { ...base, type, userId, channelId: cur.channelId, voiceSeconds: (base.at - cur.since) / 1000 };
    }
  }
}
