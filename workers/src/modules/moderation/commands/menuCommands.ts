import {
  ApplicationCommandType,
  ComponentType,
  InteractionContextType,
  PermissionFlagsBits as P,
  TextInputStyle,
  type APIModalInteractionResponseCallbackData,
} from 'discord-api-types/v10';
import { InteractionError } from '../../../interactions/InteractionError';
import { reply } from '../../../interactions/reply';
import type { ModalHandler, UserCommand } from '../../../interactions/types';
import { banMember } from '../actions/banMember';
import { timeoutMember } from '../actions/timeoutMember';
import { warnMember } from '../actions/warnMember';
import { parseDuration } from '../duration';
import { commandActor } from './commandActor';
import { describeResult } from './describeResult';

/** Prefix of the reason modal's `custom_id` (state: action, target id). */
export const MENU_MODAL = 'moderation.menu';

const ACTIONS = {
  warn: { title: 'Warn', permission: P.ModerateMembers, duration: null },
  timeout: { title: 'Timeout', permission: P.ModerateMembers, duration: 'How long (10m, 2h, 1d; empty: the default)' },
  ban: { title: 'Ban', permission: P.BanMembers, duration: 'How long (1h, 7d…; empty: permanent)' },
} as const;
type MenuAction = keyof typeof ACTIONS;

const input = (custom_id: string, label: string, style: TextInputStyle, required: boolean, max_length: number) => ({
  type: ComponentType.ActionRow as const,
  components: [{ type: ComponentType.TextInput as const, custom_id, label, style, required, max_length }],
});

/** Right click on a member → Apps → Warn / Timeout / Ban: a modal asks the reason (and the duration). */
function menuCommand(action: MenuAction): UserCommand {
  const a = ACTIONS[action];
  return {
    data: { type: ApplicationCommandType.User, name: a.title, default_member_permissions: String(a.permission), contexts: [InteractionContextType.Guild] },
    async execute(_interaction, ctx) {
      const target = String(ctx.options.values.target);
      const modal: APIModalInteractionResponseCallbackData = {
        custom_id: await ctx.customId(MENU_MODAL, action, target),
        title: `${a.title} this member`,
        components: [
          input('reason', 'Reason (shown to the member and in the mod-log)', TextInputStyle.Paragraph, false, 500),
          ...(a.duration ? [input('duration', a.duration, TextInputStyle.Short, false, 20)] : []),
        ],
      };
      return reply.modal(modal);
    },
  };
}

/** Text inputs of a submitted modal by `custom_id` (action rows or labels). */
function fieldsOf(data: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    const n = node as { custom_id?: unknown; value?: unknown; components?: unknown[]; component?: unknown };
    if (typeof n.custom_id === 'string' && typeof n.value === 'string') out[n.custom_id] = n.value;
    for (const child of n.components ?? []) walk(child);
    walk(n.component);
  };
  walk(data);
  return out;
}

/** The context-menu commands Warn, Timeout and Ban. */
export const menuCommands: UserCommand[] = [menuCommand('warn'), menuCommand('timeout'), menuCommand('ban')];

/** The reason modal: runs the same action function as the slash command and the dashboard. */
export const menuModal: ModalHandler = {
  prefix: MENU_MODAL,
  async execute(interaction, ctx) {
    const [action, targetId] = ctx.state as [MenuAction, string];
    const f = fieldsOf(interaction.data);
    const reason = f.reason?.trim() || undefined;
    let durationSeconds: number | null = null;
    if (f.duration?.trim()) {
      durationSeconds = parseDuration(f.duration);
      if (durationSeconds === null) throw new InteractionError(`“${f.duration}” is not a duration: try 10m, 2h, 1d or 1w.`, 'InvalidDuration');
    }
    return ctx.defer(async () => {
      const { m, actor } = await commandActor(interaction, ctx);
      const base = { targetId, reason, source: 'command' as const };
      const result =
        action === 'warn' ? await warnMember(m, actor, base)
        : action === 'timeout' ? await timeoutMember(m, actor, { ...base, durationSeconds })
        : await banMember(m, actor, { ...base, durationSeconds });
      return describeResult(result);
    }, { ephemeral: true });
  },
};
