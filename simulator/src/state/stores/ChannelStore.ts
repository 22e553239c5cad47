import { AuditLogEvent, ChannelType, type ChannelFlags, GatewayDispatchEvents, type APIChannel, type APIOverwrite } from 'discord-api-types/v10';
import type { SimState } from '../SimState.js';
import { SimStateError } from '../SimStateError.js';
import type { AuditContext } from './AuditLogStore.js';
import { buildChannel, isThread, type ChannelInput } from './buildChannel.js';

export type { ChannelInput } from './buildChannel.js';

/** Channels (guild channels, categories, threads, DMs) and their permission overwrites. */
export class ChannelStore {
  /** Next position per `guildId:type`, built by one scan on first use so creating stays O(1) at load-test scale. */
  private nextPosition: Map<string, number> | undefined;
  private indexed: unknown;

  constructor(private readonly s: SimState) {}

  private takePosition(guildId: string, type: number): number {
    if (!this.nextPosition || this.indexed !== this.s.data) {
      this.indexed = this.s.data;
      this.nextPosition = new Map();
      for (const c of Object.values(this.s.data.channels)) {
        if (!('guild_id' in c) || !c.guild_id) continue;
        const key = `${c.guild_id}:${c.type}`;
        this.nextPosition.set(key, (this.nextPosition.get(key) ?? 0) + 1);
      }
    }
    const key = `${guildId}:${type}`;
    const pos = this.nextPosition.get(key) ?? 0;
    this.nextPosition.set(key, pos + 1);
    return pos;
  }

  /** The channel, or 404 Unknown Channel (10003). */
  get(channelId: string): APIChannel {
    const c = this.s.data.channels[channelId];
    if (!c) throw new SimStateError(404, 10003, 'Unknown Channel');
    return c;
  }

  /** Guild id of a channel (undefined for DMs). */
  guildIdOf(channelId: string): string | undefined {
    const c = this.s.data.channels[channelId];
    return c && 'guild_id' in c ? c.guild_id : undefined;
  }

  /** Creates a guild channel or thread; emits CHANNEL_CREATE (THREAD_CREATE for threads) and an audit entry. */
  create(guildId: string, input: ChannelInput, audit?: AuditContext): APIChannel {
    this.s.guild(guildId);
    const c = buildChannel(this.s.snowflakes.next(), guildId, input, this.takePosition(guildId, input.type), audit?.actorId);
    this.s.data.channels[c.id] = c;
    this.s.data.messages[c.id] = [];
    if (isThread(c.type)) {
      this.s.dispatch(GatewayDispatchEvents.ThreadCreate, { ...c, newly_created: true }, guildId);
      if (audit) this.s.auditLog.add(guildId, { ...audit, action_type: AuditLogEvent.ThreadCreate, target_id: c.id });
    } else {
      this.s.dispatch(GatewayDispatchEvents.ChannelCreate, c, guildId);
      if (audit) this.s.auditLog.add(guildId, { ...audit, action_type: AuditLogEvent.ChannelCreate, target_id: c.id, changes: [{ key: 'name', new_value: c.name }] });
    }
    return c;
  }

  /** Updates a channel; emits CHANNEL_UPDATE (THREAD_UPDATE) and a CHANNEL_UPDATE audit entry. */
  update(channelId: string, patch: Partial<ChannelInput>, audit?: AuditContext): APIChannel {
    const c = this.get(channelId) as unknown as Record<string, unknown>;
    const guildId = this.guildIdOf(channelId);
    const changes = Object.entries(patch)
      .filter(([k, v]) => v !== undefined && k !== 'type' && JSON.stringify(c[k]) !== JSON.stringify(v))
      .map(([key, v]) => ({ key, old_value: c[key], new_value: v }));
    for (const { key, new_value } of changes) c[key] = new_value;
    const ch = c as unknown as APIChannel;
    this.s.dispatch(isThread(ch.type) ? GatewayDispatchEvents.ThreadUpdate : GatewayDispatchEvents.ChannelUpdate, ch, guildId);
    if (audit && guildId && changes.length) {
      this.s.auditLog.add(guildId, { ...audit, action_type: isThread(ch.type) ? AuditLogEvent.ThreadUpdate : AuditLogEvent.ChannelUpdate, target_id: channelId, changes });
    }
    return ch;
  }

  /** Deletes a channel and its messages (and its threads); emits CHANNEL_DELETE / THREAD_DELETE. */
  delete(channelId: string, audit?: AuditContext): APIChannel {
    const c = this.get(channelId);
    const guildId = this.guildIdOf(channelId);
    for (const t of Object.values(this.s.data.channels)) {
      if (isThread(t.type) && 'parent_id' in t && t.parent_id === channelId) this.delete(t.id);
    }
    delete this.s.data.channels[channelId];
    delete this.s.data.messages[channelId];
    if (isThread(c.type)) {
      const parent = 'parent_id' in c ? c.parent_id : null;
      this.s.dispatch(GatewayDispatchEvents.ThreadDelete, { id: c.id, guild_id: guildId, parent_id: parent, type: c.type }, guildId);
    } else {
      this.s.dispatch(GatewayDispatchEvents.ChannelDelete, c, guildId);
    }
    if (audit && guildId) {
      this.s.auditLog.add(guildId, { ...audit, action_type: isThread(c.type) ? AuditLogEvent.ThreadDelete : AuditLogEvent.ChannelDelete, target_id: channelId, changes: [{ key: 'name', old_value: c.name }] });
    }
    return c;
  }

  /** Creates or replaces one permission overwrite; emits CHANNEL_UPDATE and a CHANNEL_OVERWRITE_* audit entry. */
  setOverwrite(channelId: string, ow: APIOverwrite, audit?: AuditContext): APIChannel {
    const c = this.get(channelId) as APIChannel & { permission_overwrites?: APIOverwrite[] };
    const list = c.permission_overwrites ?? [];
    const existed = list.some((o) => o.id === ow.id);
    const next = [...list.filter((o) => o.id !== ow.id), ow];
    const res = this.update(channelId, { permission_overwrites: next });
    const guildId = this.guildIdOf(channelId);
    if (audit && guildId) {
      const action = existed ? AuditLogEvent.ChannelOverwriteUpdate : AuditLogEvent.ChannelOverwriteCreate;
      this.s.auditLog.add(guildId, { ...audit, action_type: action, target_id: channelId, options: { id: ow.id, type: String(ow.type) }, changes: [{ key: 'allow', new_value: ow.allow }, { key: 'deny', new_value: ow.deny }] });
    }
    return res;
  }

  /** Deletes one overwrite (no-op when absent, as Discord answers 204 anyway). */
  deleteOverwrite(channelId: string, overwriteId: string, audit?: AuditContext): void {
    const c = this.get(channelId) as APIChannel & { permission_overwrites?: APIOverwrite[] };
    const list = c.permission_overwrites ?? [];
    const old = list.find((o) => o.id === overwriteId);
    if (!old) return;
    this.update(channelId, { permission_overwrites: list.filter((o) => o.id !== overwriteId) });
    const guildId = this.guildIdOf(channelId);
    if (audit && guildId) this.s.auditLog.add(guildId, { ...audit, action_type: AuditLogEvent.ChannelOverwriteDelete, target_id: channelId, options: { id: old.id, type: String(old.type) } });
  }

  /** The DM channel between two users (created once; emits CHANNEL_CREATE to `fromUserId` only). */
  openDM(fromUserId: string, toUserId: string): APIChannel {
    this.s.users.get(toUserId);
    const existing = Object.values(this.s.data.channels).find(
      (c) => c.type === ChannelType.DM && c.recipients?.some((u) => u.id === toUserId) && c.recipients?.some((u) => u.id === fromUserId),
    );
    if (existing) return existing;
    const dm: APIChannel = {
      id: this.s.snowflakes.next(),
      type: ChannelType.DM,
      last_message_id: null,
      flags: 0 as ChannelFlags,
      recipients: [this.s.users.get(fromUserId), this.s.users.get(toUserId)],
    } as APIChannel;
    this.s.data.channels[dm.id] = dm;
    this.s.data.messages[dm.id] = [];
    return dm;
  }
}
