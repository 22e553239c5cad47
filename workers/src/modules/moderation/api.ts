import { PermissionFlagsBits as P } from 'discord-api-types/v10';
import { createModuleApi, moduleRoute } from '../../platform/moduleApi';
import { ErrorAnswer } from '../../platform/errorAnswer';
import { banMember } from './actions/banMember';
import { addNote } from './actions/addNote';
import { editCaseReason, requireCase } from './actions/editCaseReason';
import { kickMember } from './actions/kickMember';
import { timeoutMember } from './actions/timeoutMember';
import { undoCase } from './actions/undoCase';
import { unbanUser } from './actions/unbanUser';
import { warnMember } from './actions/warnMember';
import * as S from './api/apiSchemas';
import { dashboardActor } from './api/dashboardActor';
import { cases } from './data/cases';
import { notes } from './data/notes';
import { historyCutoff, MODERATION_LIMITS } from './limits';
import { moderationServices } from './ModerationServices';
import type { Plan } from '../../platform/ModuleDefinition';

const tags = ['moderation'];
const errors = { 400: ErrorAnswer, 401: ErrorAnswer, 403: ErrorAnswer, 404: ErrorAnswer, 409: ErrorAnswer };
const ok = <T>(schema: T, description: string) => ({ 200: { description, content: { 'application/json': { schema } } }, ...errors });
const body = <T>(schema: T) => ({ body: { content: { 'application/json': { schema } } } });

const listRoute = moduleRoute({
  method: 'get', path: '/cases', tags, requires: 'view', summary: 'Cases, newest first (filters: member, moderator, type, dates; paging with before)',
  request: { params: S.GuildParams, query: S.CaseQuery }, responses: ok(S.CaseList, 'Cases'),
});
const caseRoute = moduleRoute({
  method: 'get', path: '/cases/{number}', tags, requires: 'view', summary: 'One case', request: { params: S.CaseParams }, responses: ok(S.ModCaseBody, 'Case'),
});
const reasonRoute = moduleRoute({
  method: 'patch', path: '/cases/{number}', tags, requires: 'edit', permission: P.ModerateMembers, summary: 'Change a case’s reason (Moderate Members)',
  request: { params: S.CaseParams, ...body(S.ReasonBody) }, responses: ok(S.ModCaseBody, 'Updated case'),
});
const undoRoute = moduleRoute({
  method: 'post', path: '/cases/{number}/undo', tags, requires: 'edit', permission: P.ModerateMembers, summary: 'Undo a ban or timeout in force (Moderate Members, then the same checks as /unban or a timeout lift)',
  request: { params: S.CaseParams, ...body(S.UndoBody) }, responses: ok(S.ActionAnswer, 'The unban or timeout-lift case'),
});
const actionRoute = moduleRoute({
  method: 'post', path: '/actions', tags, requires: 'edit', summary: 'Warn, time out, kick, ban or unban (same action functions and checks as the slash commands)',
  request: { params: S.GuildParams, ...body(S.ActionBody) }, responses: ok(S.ActionAnswer, 'The case recorded'),
});
const memberRoute = moduleRoute({
  method: 'get', path: '/members/{userId}', tags, requires: 'view', summary: 'A member’s cases and notes', request: { params: S.MemberParams }, responses: ok(S.MemberHistory, 'History'),
});
const noteRoute = moduleRoute({
  method: 'post', path: '/members/{userId}/notes', tags, requires: 'edit', permission: P.ModerateMembers, summary: 'Add a private note about a member (Moderate Members)',
  request: { params: S.MemberParams, ...body(S.NoteBody) }, responses: ok(S.ModNoteBody, 'The note'),
});

/** The permission each dashboard action needs (the action functions check it again, with the hierarchy). */
const ACTION_PERMISSION = { warn: P.ModerateMembers, timeout: P.ModerateMembers, kick: P.KickMembers, ban: P.BanMembers, unban: P.BanMembers } as const;

const historyDays = (plan: Plan) => {
  const d = MODERATION_LIMITS[plan].historyDays ?? -1;
  return d < 0 ? null : d;
};

/**
 * The Moderation routes, under `/api/guilds/:guildId/modules/moderation`. Reads need `view`;
 * actions need `edit` AND the Discord permissions and hierarchy the action needs, checked by the
 * same action functions the slash commands call. The plan bounds the visible history.
 */
export function createModerationApi() {
  return createModuleApi()
    .openapi(listRoute, async (c) => {
      const { guildId } = c.req.valid('param');
      const q = c.req.valid('query');
      const ctx = await c.var.module();
      const cutoff = historyCutoff(ctx.plan);
      const from = q.from ? new Date(q.from) : undefined;
      const list = await cases.list(ctx.db, guildId, { ...q, from: cutoff && (!from || from < cutoff) ? cutoff : from, to: q.to ? new Date(q.to) : undefined });
      return c.json({ cases: list, historyDays: historyDays(ctx.plan) }, 200);
    })
    .openapi(caseRoute, async (c) => {
      const { guildId, number } = c.req.valid('param');
      return c.json(await requireCase(moderationServices(await c.var.module(), guildId), number, { view: true }), 200);
    })
    .openapi(reasonRoute, async (c) => {
      const { number } = c.req.valid('param');
      const { m, actor } = await dashboardActor(c, { perm: P.ModerateMembers });
      return c.json(await editCaseReason(m, actor, number, c.req.valid('json').reason), 200);
    })
    .openapi(undoRoute, async (c) => {
      const { number } = c.req.valid('param');
      const { m, actor } = await dashboardActor(c, { perm: P.ModerateMembers });
      return c.json(await undoCase(m, actor, number, 'dashboard', c.req.valid('json')?.reason), 200);
    })
    .openapi(actionRoute, async (c) => {
      const a = c.req.valid('json');
      const { m, actor } = await dashboardActor(c, { perm: ACTION_PERMISSION[a.action] });
      const input = { targetId: a.userId, reason: a.reason, source: 'dashboard' as const };
      const result =
        a.action === 'warn' ? await warnMember(m, actor, input)
        : a.action === 'timeout' ? await timeoutMember(m, actor, { ...input, durationSeconds: a.durationSeconds })
        : a.action === 'kick' ? await kickMember(m, actor, input)
        : a.action === 'ban' ? await banMember(m, actor, { ...input, durationSeconds: a.durationSeconds, deleteMessageDays: a.deleteMessageDays })
        : await unbanUser(m, actor, input);
      return c.json(result, 200);
    })
    .openapi(memberRoute, async (c) => {
      const { guildId, userId } = c.req.valid('param');
      const ctx = await c.var.module();
      const [list, memberNotes] = await Promise.all([cases.list(ctx.db, guildId, { targetId: userId, from: historyCutoff(ctx.plan), limit: 100 }), notes.list(ctx.db, guildId, userId)]);
      return c.json({ cases: list, notes: memberNotes, historyDays: historyDays(ctx.plan) }, 200);
    })
    .openapi(noteRoute, async (c) => {
      const { userId } = c.req.valid('param');
      const { m, actor } = await dashboardActor(c, { perm: P.ModerateMembers });
      return c.json(await addNote(m, actor, { targetId: userId, body: c.req.valid('json').body }), 200);
    });
}

/** The Moderation routes' type, for the dashboard's typed client. */
export type ModerationApi = ReturnType<typeof createModerationApi>;
