import { randomBytes } from 'node:crypto';
import { GatewayDispatchEvents } from 'discord-api-types/v10';
import type { SimState } from '../SimState.js';
import { voiceStatePayload } from '../payloads.js';
import type { SimVoiceState } from '../types.js';

/** Voice states: members joining, moving between and leaving voice channels. */
export class VoiceStore {
  constructor(private readonly s: SimState) {}

  /** Puts a member in a voice channel (join or move); emits VOICE_STATE_UPDATE. */
  join(guildId: string, userId: string, channelId: string, flags: Partial<Pick<SimVoiceState, 'self_mute' | 'self_deaf' | 'self_video'>> = {}): SimVoiceState {
    const g = this.s.guild(guildId);
    const m = this.s.member(guildId, userId);
    this.s.channels.get(channelId);
    const v: SimVoiceState = {
      user_id: userId,
      channel_id: channelId,
      session_id: g.voiceStates[userId]?.session_id ?? randomBytes(16).toString('hex'),
      deaf: m.deaf,
      mute: m.mute,
      self_deaf: flags.self_deaf ?? false,
      self_mute: flags.self_mute ?? false,
      self_video: flags.self_video ?? false,
      suppress: false,
      request_to_speak_timestamp: null,
    };
    g.voiceStates[userId] = v;
    this.s.dispatch(GatewayDispatchEvents.VoiceStateUpdate, voiceStatePayload(this.s.data, g, v), guildId);
    return v;
  }

  /** Takes a member out of voice; emits VOICE_STATE_UPDATE with `channel_id: null`. */
  leave(guildId: string, userId: string): void {
    const g = this.s.guild(guildId);
    const v = g.voiceStates[userId];
    if (!v) return;
    delete g.voiceStates[userId];
    const payload = voiceStatePayload(this.s.data, g, v);
    this.s.dispatch(GatewayDispatchEvents.VoiceStateUpdate, { ...payload, channel_id: null }, guildId);
  }
}
