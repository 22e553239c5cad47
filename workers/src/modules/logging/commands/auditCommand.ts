import { ApplicationCommandOptionType as O, InteractionContextType, MessageFlags, PermissionFlagsBits as P } from 'discord-api-types/v10';
import type { SlashCommand } from '../../../interactions/types';
import { PermissionError } from '../../../permissions';
import { auditCsv } from '../audit/auditCsv';
import { auditReport } from '../audit/auditReport';

/**
 * `/audit export` (Manage Server): the server audit report (roles with permissions, channels
 * with overwrites, members per role) as CSV and JSON files, only for the member who asked.
 * The files go in an ephemeral follow-up (an answer's first edit carries no files here).
 */
export const auditCommand: SlashCommand = {
  data: {
    name: 'audit', description: 'Server audit reports', default_member_permissions: String(P.ManageGuild), contexts: [InteractionContextType.Guild],
    options: [{ type: O.Subcommand, name: 'export', description: 'Roles with permissions, channel overwrites and members per role, as CSV and JSON' }],
  },
  async execute(_interaction, ctx) {
    return ctx.defer(async () => {
      // The member's permissions as Discord computed them for this interaction.
      if (!(ctx.permissions & (P.ManageGuild | P.Administrator))) throw PermissionError.missing(P.ManageGuild);
      const report = await auditReport(ctx.rest, ctx.guildId!);
      const stamp = report.generatedAt.slice(0, 10);
      await ctx.followUp({ content: `Server audit of ${stamp}`, flags: MessageFlags.Ephemeral }, [
        { name: `server-audit-${stamp}.csv`, data: auditCsv(report), contentType: 'text/csv' },
        { name: `server-audit-${stamp}.json`, data: JSON.stringify(report, null, 2), contentType: 'application/json' },
      ]);
      const members = new Set(report.roles.flatMap((r) => r.members.map((m) => m.id))).size;
      return { content: `📋 Audit ready: ${report.roles.length} roles, ${report.channels.length} channels, ${members} members${report.truncated ? ' (first 10,000)' : ''}. The files are below.` };
    }, { ephemeral: true });
  },
};
