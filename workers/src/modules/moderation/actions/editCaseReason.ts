import { PermissionFlagsBits as P, Routes } from 'discord-api-types/v10';
import { HttpError } from '../../../errors';
import { errorFields } from '../../../lib/errorFields';
import type { GuildAuthority } from '../../../permissions';
import { cases, type ModCase } from '../data/cases';
import { historyCutoff, MODERATION_LIMITS } from '../limits';
import type { ModerationServices } from '../ModerationServices';
import { caseEmbed } from './recordCase';

/**
 * Finds a case of the guild or answers 404 `CaseNotFound`. `view`: a case older than the plan's
 * history is 403 `ModuleLimitExceeded` (it is kept, and shown again on Premium).
 */
export async function requireCase(m: ModerationServices, number: number, opts: { view?: boolean } = {}): Promise<ModCase> {
  const c = await cases.get(m.db, m.guildId, number);
  if (!c) throw new HttpError(404, `There is no case #${number} in this server`, { code: 'CaseNotFound', details: { number } });
  const cutoff = opts.view ? historyCutoff(m.plan) : undefined;
  if (cutoff && Date.parse(c.createdAt) < cutoff.getTime()) {
    throw new HttpError(403, `Case #${number} is older than the ${MODERATION_LIMITS[m.plan].historyDays} days of history your plan shows; Premium shows every case`, {
      code: 'ModuleLimitExceeded', details: { moduleId: 'moderation', limit: 'historyDays' },
    });
  }
  return c;
}

/** Changes a case's reason (Moderate Members); its mod-log post is edited to match. */
export async function editCaseReason(m: ModerationServices, actor: GuildAuthority, number: number, reason: string): Promise<ModCase> {
  actor.require(P.ModerateMembers);
  const text = reason.trim();
  if (!text || text.length > 500) throw new HttpError(400, 'A reason is 1 to 500 characters', { code: 'ValidationError' });
  await requireCase(m, number);
  const updated = (await cases.setReason(m.db, m.guildId, number, text))!;
  const channelId = m.config.modLogChannelId;
  if (channelId) {
    for (const id of updated.messageIds) {
      await m.rest.patch(Routes.channelMessage(channelId, id), { body: { embeds: [caseEmbed(updated)] } }).catch((err: unknown) => {
        m.log.info('moderation mod-log edit failed', { guildId: m.guildId, case: number, ...errorFields(err) });
      });
    }
  }
  return updated;
}
