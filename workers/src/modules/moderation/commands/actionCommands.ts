import {
  ApplicationCommandOptionType as O,
  InteractionContextType,
  PermissionFlagsBits as P,
  type APIApplicationCommandOption,
} from 'discord-api-types/v10';
import { InteractionError } from '../../../interactions/InteractionError';
import type { InteractionContext, SlashCommand } from '../../../interactions/types';
import type { GuildAuthority } from '../../../permissions';
import type { ActionResult } from '../actions/actionInput';
import { banMember } from '../actions/banMember';
import { kickMember } from '../actions/kickMember';
import { softbanMember } from '../actions/softbanMember';
import { timeoutMember } from '../actions/timeoutMember';
import { unbanUser } from '../actions/unbanUser';
import { warnMember } from '../actions/warnMember';
import { parseDuration } from '../duration';
import type { ModerationServices } from '../ModerationServices';
import { commandActor } from './commandActor';
import { describeResult } from './describeResult';

const reasonOption: APIApplicationCommandOption = { type: O.String, name: 'reason', description: 'Why (shown to the member and in the mod-log)', max_length: 500 };

/** Reads a typed duration option, or refuses it with an example. */
export function durationOption(ctx: InteractionContext, name = 'duration'): number | null {
  const raw = ctx.options.values[name];
  if (raw === undefined) return null;
  const s = parseDuration(String(raw));
  if (s === null) throw new InteractionError(`“${String(raw)}” is not a duration: try 10m, 2h, 1d or 1w.`, 'InvalidDuration');
  return s;
}

type Run = (m: ModerationServices, actor: GuildAuthority, ctx: InteractionContext, targetId: string, reason: string | undefined) => Promise<ActionResult>;

/** A slash command that runs one action on a user: defers, checks, acts, confirms. */
function actionCommand(name: string, description: string, permission: bigint, target: { name: string; description: string }, extra: APIApplicationCommandOption[], run: Run): SlashCommand {
  return {
    data: {
      name,
      description,
      default_member_permissions: String(permission),
      contexts: [InteractionContextType.Guild],
      options: [{ type: O.User, name: target.name, description: target.description, required: true }, ...extra, reasonOption],
    },
    async execute(interaction, ctx) {
      const targetId = String(ctx.options.values[target.name]);
      const reason = ctx.options.values.reason as string | undefined;
      return ctx.defer(async () => {
        const { m, actor } = await commandActor(interaction, ctx);
        return describeResult(await run(m, actor, ctx, targetId, reason));
      }, { ephemeral: true });
    },
  };
}

const member = { name: 'member', description: 'The member' };

/** `/warn`, `/timeout`, `/kick`, `/ban`, `/softban`, `/unban`: each runs the action function the dashboard runs. */
export const actionCommands: SlashCommand[] = [
  actionCommand('warn', 'Warn a member (recorded as a case, told by DM)', P.ModerateMembers, member, [], (m, actor, _ctx, targetId, reason) =>
    warnMember(m, actor, { targetId, reason, source: 'command' }),
  ),
  actionCommand(
    'timeout', 'Time a member out (they cannot talk or react)', P.ModerateMembers, member,
    [{ type: O.String, name: 'duration', description: 'How long: 10m, 2h, 1d, 1w (28 days at most; default from settings)', max_length: 20 }],
    (m, actor, ctx, targetId, reason) => timeoutMember(m, actor, { targetId, reason, durationSeconds: durationOption(ctx), source: 'command' }),
  ),
  actionCommand('kick', 'Kick a member (they can rejoin with an invite)', P.KickMembers, member, [], (m, actor, _ctx, targetId, reason) =>
    kickMember(m, actor, { targetId, reason, source: 'command' }),
  ),
  actionCommand(
    'ban', 'Ban a user, for a time or for good', P.BanMembers, { name: 'user', description: 'The user (member or not)' },
    [
      { type: O.String, name: 'duration', description: 'Temporary ban: 1h, 7d, 2w… (empty: permanent)', max_length: 20 },
      { type: O.Integer, name: 'delete_days', description: 'Delete their messages of the last N days (0–7)', min_value: 0, max_value: 7 },
    ],
    (m, actor, ctx, targetId, reason) =>
      banMember(m, actor, { targetId, reason, durationSeconds: durationOption(ctx), deleteMessageDays: (ctx.options.values.delete_days as number | undefined) ?? 0, source: 'command' }),
  ),
  actionCommand(
    'softban', 'Kick a member and delete their recent messages (ban, then unban at once)', P.BanMembers, member,
    [{ type: O.Integer, name: 'delete_days', description: 'Delete their messages of the last N days (1–7, default 1)', min_value: 1, max_value: 7 }],
    (m, actor, ctx, targetId, reason) => softbanMember(m, actor, { targetId, reason, deleteMessageDays: ctx.options.values.delete_days as number | undefined, source: 'command' }),
  ),
  actionCommand('unban', 'Lift a ban', P.BanMembers, { name: 'user', description: 'The banned user (their id works too)' }, [], (m, actor, _ctx, targetId, reason) =>
    unbanUser(m, actor, { targetId, reason, source: 'command' }),
  ),
];
