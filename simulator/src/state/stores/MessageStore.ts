import { AuditLogEvent, GatewayDispatchEvents, MessageType, type APIMessage, type APIGuildMember } from 'discord-api-types/v10';
import { SNOWFLAKE_DIGITS } from '@edge/shared/snowflake';
import type { SimState } from '../SimState.js';
import { SimStateError } from '../SimStateError.js';
import { memberPayload, userPayload } from '../payloads.js';
import { messagePayload, type SimMessage } from '../messagePayload.js';
import type { AuditContext } from './AuditLogStore.js';
import { PollOps, type PollInput } from './PollOps.js';
import { ReactionOps } from './ReactionOps.js';

/** What a new message carries. */
export interface MessageInput {
  authorId: string;
  content?: string;
  embeds?: APIMessage['embeds'];
  components?: APIMessage['components'];
  flags?: number;
  tts?: boolean;
  type?: MessageType;
  message_reference?: APIMessage['message_reference'];
  webhook_id?: string;
  application_id?: string;
  interaction_metadata?: APIMessage['interaction_metadata'];
  attachments?: APIMessage['attachments'];
  sticker_items?: APIMessage['sticker_items'];
  nonce?: string | number;
  /** A native poll (Discord's `PollCreateRequest`). */
  poll?: PollInput;
}

/** Memory bound per channel; the oldest messages go first. */
const MAX_PER_CHANNEL = 2_000;

/** Messages per channel, and reactions (`state.messages.reactions`). */
export class MessageStore {
  readonly reactions: ReactionOps;
  readonly polls: PollOps;
  constructor(private readonly s: SimState) {
    this.reactions = new ReactionOps(s, this);
    this.polls = new PollOps(s, this);
  }

  /** The stored message, or 404 Unknown Message (10008). */
  get(channelId: string, messageId: string): SimMessage {
    const m = (this.s.data.messages[channelId] as SimMessage[] | undefined)?.find((x) => x.id === messageId);
    if (!m) throw new SimStateError(404, 10008, 'Unknown Message');
    return m;
  }

  /** Messages newest first, paged like `GET /channels/{id}/messages`. */
  list(channelId: string, q: { limit?: number; before?: string; after?: string; around?: string } = {}): SimMessage[] {
    const all = (this.s.data.messages[channelId] ?? []) as SimMessage[];
    const limit = Math.min(Math.max(q.limit ?? 50, 1), 100);
    const newestFirst = [...all].reverse();
    if (q.before) return newestFirst.filter((m) => BigInt(m.id) < BigInt(q.before!)).slice(0, limit);
    if (q.after) return all.filter((m) => BigInt(m.id) > BigInt(q.after!)).slice(0, limit).reverse();
    if (q.around) {
      const i = all.findIndex((m) => BigInt(m.id) >= BigInt(q.around!));
      const start = Math.max(0, (i < 0 ? all.length : i) - Math.floor(limit / 2));
      return all.slice(start, start + limit).reverse();
    }
    return newestFirst.slice(0, limit);
  }

  /**
   * The author's message in the channel carrying `nonce`, posted within `withinMs` (Discord
   * checks an enforced nonce's uniqueness "in the past few minutes").
   */
  findByNonce(channelId: string, authorId: string, nonce: string | number, withinMs = 5 * 60_000): SimMessage | undefined {
    const since = this.s.now() - withinMs;
    return ((this.s.data.messages[channelId] ?? []) as SimMessage[]).find((m) => m.nonce === nonce && m.author.id === authorId && Date.parse(m.timestamp) >= since);
  }

  /** Posts a message; emits MESSAGE_CREATE (with `guild_id`, `member`, `mentions`). */
  create(channelId: string, input: MessageInput): APIMessage {
    const channel = this.s.channels.get(channelId);
    const guildId = this.s.channels.guildIdOf(channelId);
    const content = input.content ?? '';
    const mentionIds = [...new Set([...content.matchAll(new RegExp(`<@!?(${SNOWFLAKE_DIGITS})>`, 'g'))].map((x) => x[1]!))].filter((id) => this.s.data.users[id]);
    const roleMentions = [...content.matchAll(new RegExp(`<@&(${SNOWFLAKE_DIGITS})>`, 'g'))].map((x) => x[1]!);
    // AutoMod sees members' own messages (not webhooks, not system messages such as its alerts).
    const checked = guildId && !input.webhook_id && (input.type === undefined || input.type === MessageType.Default || input.type === MessageType.Reply);
    if (checked && this.s.autoMod.checkMessage({ guildId, channelId, authorId: input.authorId, content, mentionCount: mentionIds.length + new Set(roleMentions).size })) {
      throw new SimStateError(400, 200000, 'Message was blocked by automatic moderation');
    }
    const msg: SimMessage = {
      id: this.s.snowflakes.next(),
      channel_id: channelId,
      author: userPayload(this.s.data, input.authorId),
      content,
      timestamp: this.s.isoNow(),
      edited_timestamp: null,
      tts: input.tts ?? false,
      mention_everyone: /@(everyone|here)/.test(content),
      mentions: mentionIds.map((id) => userPayload(this.s.data, id)),
      mention_roles: roleMentions,
      attachments: input.attachments ?? [],
      embeds: (input.embeds ?? []).map((e) => ({ type: 'rich', ...e }) as typeof e),
      pinned: false,
      type: input.type ?? (input.message_reference ? MessageType.Reply : MessageType.Default),
      flags: input.flags ?? 0,
      components: input.components ?? [],
      ...(input.webhook_id ? { webhook_id: input.webhook_id } : {}),
      ...(input.application_id ? { application_id: input.application_id } : {}),
      ...(input.message_reference ? { message_reference: input.message_reference } : {}),
      ...(input.interaction_metadata ? { interaction_metadata: input.interaction_metadata } : {}),
      ...(input.sticker_items ? { sticker_items: input.sticker_items } : {}),
      ...(input.nonce !== undefined ? { nonce: input.nonce } : {}),
      ...(input.poll ? { poll: this.polls.build(input.poll) } : {}),
    };
    const list = (this.s.data.messages[channelId] ??= []);
    list.push(msg);
    if (list.length > MAX_PER_CHANNEL) list.splice(0, list.length - MAX_PER_CHANNEL);
    (channel as { last_message_id?: string | null }).last_message_id = msg.id;
    this.s.dispatch(GatewayDispatchEvents.MessageCreate, this.eventPayload(msg, guildId), guildId, this.dmRecipients(channelId));
    return messagePayload(msg);
  }

  /** Edits content/embeds/components/flags; emits MESSAGE_UPDATE. */
  update(channelId: string, messageId: string, patch: Partial<Pick<MessageInput, 'content' | 'embeds' | 'components' | 'flags' | 'attachments'>>): APIMessage {
    const msg = this.get(channelId, messageId);
    for (const [k, v] of Object.entries(patch)) if (v !== undefined) (msg as unknown as Record<string, unknown>)[k] = v;
    msg.edited_timestamp = this.s.isoNow();
    const guildId = this.s.channels.guildIdOf(channelId);
    this.s.dispatch(GatewayDispatchEvents.MessageUpdate, this.eventPayload(msg, guildId), guildId, this.dmRecipients(channelId));
    return messagePayload(msg);
  }

  /** Emits MESSAGE_UPDATE for a change Discord makes itself (a poll ended), without marking it edited. */
  touch(channelId: string, messageId: string): void {
    const msg = this.get(channelId, messageId);
    const guildId = this.s.channels.guildIdOf(channelId);
    this.s.dispatch(GatewayDispatchEvents.MessageUpdate, this.eventPayload(msg, guildId), guildId, this.dmRecipients(channelId));
  }

  /** Deletes one message; emits MESSAGE_DELETE (and MESSAGE_DELETE audit entry when someone else's message is deleted by a moderator). */
  delete(channelId: string, messageId: string, audit?: AuditContext): void {
    const msg = this.get(channelId, messageId);
    const list = this.s.data.messages[channelId]!;
    list.splice(list.indexOf(msg), 1);
    const guildId = this.s.channels.guildIdOf(channelId);
    this.s.dispatch(GatewayDispatchEvents.MessageDelete, { id: messageId, channel_id: channelId, ...(guildId ? { guild_id: guildId } : {}) }, guildId, this.dmRecipients(channelId));
    if (audit && guildId && audit.actorId !== msg.author.id) {
      this.s.auditLog.add(guildId, { ...audit, action_type: AuditLogEvent.MessageDelete, target_id: msg.author.id, options: { channel_id: channelId, count: '1' } });
    }
  }

  /** Deletes several messages at once; emits MESSAGE_DELETE_BULK and a MESSAGE_BULK_DELETE audit entry. */
  bulkDelete(channelId: string, ids: string[], audit?: AuditContext): void {
    for (const id of ids) this.get(channelId, id);
    const set = new Set(ids);
    this.s.data.messages[channelId] = this.s.data.messages[channelId]!.filter((m) => !set.has(m.id));
    const guildId = this.s.channels.guildIdOf(channelId);
    this.s.dispatch(GatewayDispatchEvents.MessageDeleteBulk, { ids, channel_id: channelId, guild_id: guildId }, guildId);
    if (audit && guildId) this.s.auditLog.add(guildId, { ...audit, action_type: AuditLogEvent.MessageBulkDelete, target_id: channelId, options: { count: String(ids.length) } });
  }

  /** Deletes a user's messages in a guild newer than `sinceMs` (ban with `delete_message_seconds`). */
  deleteByAuthor(guildId: string, userId: string, sinceMs: number): void {
    for (const [channelId, list] of Object.entries(this.s.data.messages)) {
      if (this.s.channels.guildIdOf(channelId) !== guildId) continue;
      const ids = list.filter((m) => m.author.id === userId && Date.parse(m.timestamp) >= sinceMs).map((m) => m.id);
      if (ids.length) this.bulkDelete(channelId, ids);
    }
  }

  private eventPayload(msg: SimMessage, guildId: string | undefined) {
    const base = messagePayload(msg);
    if (!guildId) return base;
    const g = this.s.guild(guildId);
    const author = g.members[msg.author.id];
    const noUser = (m: APIGuildMember) => Object.fromEntries(Object.entries(m).filter(([k]) => k !== 'user'));
    return {
      ...base,
      guild_id: guildId,
      ...(author && !msg.webhook_id ? { member: noUser(memberPayload(this.s.data, author)) } : {}),
      mentions: base.mentions.map((u) => (g.members[u.id] ? { ...u, member: noUser(memberPayload(this.s.data, g.members[u.id]!)) } : u)),
    };
  }

  /** DM events go only to the two recipients. */
  private dmRecipients(channelId: string): string[] | undefined {
    const c = this.s.data.channels[channelId];
    return c && 'recipients' in c && c.recipients ? c.recipients.map((u) => u.id) : undefined;
  }
}
