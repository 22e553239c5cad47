import { ApplicationCommandOptionType as O, InteractionContextType, PermissionFlagsBits as P } from 'discord-api-types/v10';
import type { SlashCommand } from '../../../interactions/types';
import { addNote } from '../actions/addNote';
import { editCaseReason, requireCase } from '../actions/editCaseReason';
import { caseEmbed } from '../actions/recordCase';
import { cases } from '../data/cases';
import { notes } from '../data/notes';
import { historyCutoff } from '../limits';
import { commandActor } from './commandActor';

const guildOnly = { default_member_permissions: String(P.ModerateMembers), contexts: [InteractionContextType.Guild] };

/** `/note`: a private note about a member. */
export const noteCommand: SlashCommand = {
  data: {
    name: 'note', description: 'Add a private moderator note about a member', ...guildOnly,
    options: [
      { type: O.User, name: 'member', description: 'The member', required: true },
      { type: O.String, name: 'text', description: 'The note (only moderators see it)', required: true, max_length: 1000 },
    ],
  },
  async execute(interaction, ctx) {
    const targetId = String(ctx.options.values.member);
    return ctx.defer(async () => {
      const { m, actor } = await commandActor(interaction, ctx);
      await addNote(m, actor, { targetId, body: String(ctx.options.values.text) });
      return { content: `📝 Note added to <@${targetId}>.`, allowed_mentions: { parse: [] } };
    }, { ephemeral: true });
  },
};

/** `/case <n> [reason]`: shows a case; with `reason`, edits it first. */
export const caseCommand: SlashCommand = {
  data: {
    name: 'case', description: 'Show a case, or change its reason', ...guildOnly,
    options: [
      { type: O.Integer, name: 'number', description: 'Case number', required: true, min_value: 1 },
      { type: O.String, name: 'reason', description: 'New reason (edits the case and its mod-log post)', max_length: 500 },
    ],
  },
  async execute(interaction, ctx) {
    const number = Number(ctx.options.values.number);
    const reason = ctx.options.values.reason as string | undefined;
    return ctx.defer(async () => {
      const { m, actor } = await commandActor(interaction, ctx);
      actor.require(P.ModerateMembers);
      const c = reason ? await editCaseReason(m, actor, number, reason) : await requireCase(m, number, { view: true });
      return { content: reason ? `✏️ Reason of case #${number} updated.` : undefined, embeds: [caseEmbed(c)], allowed_mentions: { parse: [] } };
    }, { ephemeral: true });
  },
};

/** `/cases @member`: a member's latest cases and notes. */
export const casesCommand: SlashCommand = {
  data: {
    name: 'cases', description: 'A member’s cases and notes', ...guildOnly,
    options: [{ type: O.User, name: 'member', description: 'The member (or user)', required: true }],
  },
  async execute(interaction, ctx) {
    const targetId = String(ctx.options.values.member);
    return ctx.defer(async () => {
      const { m, actor } = await commandActor(interaction, ctx);
      actor.require(P.ModerateMembers);
      const [list, memberNotes] = await Promise.all([cases.list(m.db, m.guildId, { targetId, limit: 15, from: historyCutoff(m.plan) }), notes.list(m.db, m.guildId, targetId, 5)]);
      const lines = list.map((c) => `**#${c.number}** ${c.type}${c.active ? ' (in force)' : ''} · <t:${Math.floor(Date.parse(c.createdAt) / 1000)}:d> · ${c.reason ?? '_no reason_'}`);
      const noteLines = memberNotes.map((n) => `📝 ${n.body} — <@${n.authorId}>`);
      const body = [...(lines.length ? lines : ['No cases.']), ...(noteLines.length ? ['', '**Notes**', ...noteLines] : [])].join('\n');
      return { embeds: [{ title: 'Cases', description: `<@${targetId}>\n\n${body}`.slice(0, 4000) }], allowed_mentions: { parse: [] } };
    }, { ephemeral: true });
  },
};
