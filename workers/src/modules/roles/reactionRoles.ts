import { GatewayDispatchEvents, type GatewayMessageReactionAddDispatchData, type GatewayMessageReactionRemoveDispatchData } from 'discord-api-types/v10';
import { HttpError } from '../../errors';
import type { EventContext, EventHandler } from '../../platform/ModuleDefinition';
import { applyPick } from './applyPick';
import { rolesConfigSchema, type ReactionRole, type RolePanel } from './config';
import { parseEmoji } from './panelMessage';

type Reaction = Partial<GatewayMessageReactionAddDispatchData & GatewayMessageReactionRemoveDispatchData>;

/** The payload fields the handlers read (the shard forwards only these). */
export const REACTION_FIELDS = ['user_id', 'message_id', 'emoji.id', 'emoji.name', 'member.roles', 'member.user.bot'];

/** A custom emoji matches by id, a unicode one by its character. */
function sameEmoji(configured: string, got: Reaction['emoji']): boolean {
  const want = parseEmoji(configured);
  if (!want || !got) return false;
  return 'id' in want && want.id ? want.id === got.id : !got.id && want.name === got.name;
}

/**
 * A reaction added or removed on a configured message gives or takes back its role, through the
 * same `applyPick` as the panels (the bot's Manage Roles and hierarchy checked, audited). Once
 * per event and rule (`ctx.once`); a refusal is reported to the feed and the audit log, never
 * retried (it would fail again).
 */
async function onReaction(payload: unknown, ctx: EventContext, added: boolean): Promise<void> {
  const p = payload as Reaction;
  if (!p.user_id || !p.message_id || p.member?.user?.bot) return;
  const rules = rolesConfigSchema.parse(ctx.config ?? {}).reactionRoles.filter((r) => r.messageId === p.message_id && sameEmoji(r.emoji, p.emoji) && (added || r.mode === 'toggle'));
  await Promise.all(rules.map((rule) => ctx.once(ctx.eventId, `roles.reaction:${rule.roleId}`, () => give(ctx, p, rule, added))));
}

async function give(ctx: EventContext, p: Reaction, rule: ReactionRole, added: boolean): Promise<void> {
  const panel: RolePanel = {
    id: 'reaction', channelId: rule.channelId, title: 'Reaction roles', description: '', style: 'buttons', mode: added ? 'add' : 'remove',
    requiredRoles: [], forbiddenRoles: [], options: [{ roleId: rule.roleId, label: rule.emoji, emoji: rule.emoji }], messageId: rule.messageId,
  };
  const s = { guildId: ctx.guildId, rest: ctx.rest, appConfig: ctx.appConfig, hub: undefined, log: ctx.log, jobs: ctx.jobs, plan: ctx.plan, report: (item: Parameters<EventContext['report']>[1]) => ctx.report(ctx.guildId, { ...item, eventId: ctx.eventId }) };
  // A removal event carries no member: the DELETE is a no-op for a member without the role.
  const held = added ? (p.member?.roles ?? []) : [rule.roleId];
  try {
    await applyPick(s, { panel, userId: p.user_id!, held, picked: [rule.roleId], source: `Reaction ${rule.emoji}` });
  } catch (err) {
    if (!(err instanceof HttpError) || err.status >= 500 || err.status === 429) throw err;
    ctx.report(ctx.guildId, { module: 'roles', kind: 'roles.refused', level: 'warn', audit: true, eventId: ctx.eventId, summary: `Reaction role not given: ${err.message}`, details: { userId: p.user_id, roleId: rule.roleId } });
  }
}

/** The handlers by event. */
export const reactionHandlers: Partial<Record<GatewayDispatchEvents, EventHandler>> = {
  [GatewayDispatchEvents.MessageReactionAdd]: (payload, ctx) => onReaction(payload, ctx, true),
  [GatewayDispatchEvents.MessageReactionRemove]: (payload, ctx) => onReaction(payload, ctx, false),
};
