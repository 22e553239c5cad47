import { z } from 'zod';
import { snowflake } from '../../../platform/configFields';
import { CASE_TYPES } from '../data/cases';

export const GuildParams = z.object({ guildId: snowflake });
export const CaseParams = GuildParams.extend({ number: z.coerce.number().int().min(1) });
export const MemberParams = GuildParams.extend({ userId: snowflake });

export const ModCaseBody = z
  .object({
    number: z.number().int(),
    type: z.enum(CASE_TYPES),
    actorId: z.string().nullable(),
    targetId: z.string(),
    reason: z.string().nullable(),
    durationSeconds: z.number().int().nullable(),
    expiresAt: z.string().nullable(),
    active: z.boolean(),
    source: z.enum(['command', 'dashboard', 'discord', 'system', 'automod']),
    messageIds: z.array(z.string()),
    createdAt: z.string(),
    liftedAt: z.string().nullable(),
    liftedBy: z.string().nullable(),
  });

export const ModNoteBody = z.object({ id: z.number().int(), targetId: z.string(), authorId: z.string(), body: z.string(), createdAt: z.string() });

export const CaseQuery = z.object({
  targetId: snowflake.optional(),
  actorId: snowflake.optional(),
  type: z.enum(CASE_TYPES).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  before: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const CaseList = z.object({
  cases: z.array(ModCaseBody),
  /** Days of history the plan shows (null: all). */
  historyDays: z.number().int().nullable(),
});

const reason = z.string().trim().min(1).max(500).optional();

/** One action taken from the dashboard; the same action functions as the slash commands run it. */
export const ActionBody = z.discriminatedUnion('action', [
  z.object({ action: z.literal('warn'), userId: snowflake, reason }),
  z.object({ action: z.literal('timeout'), userId: snowflake, reason, durationSeconds: z.number().int().min(60).max(2_419_200).optional() }),
  z.object({ action: z.literal('kick'), userId: snowflake, reason }),
  z.object({
    action: z.literal('ban'),
    userId: snowflake,
    reason,
    durationSeconds: z.number().int().min(10).max(31_536_000).nullable().optional(),
    deleteMessageDays: z.number().int().min(0).max(7).optional(),
  }),
  z.object({ action: z.literal('unban'), userId: snowflake, reason }),
]);

export const ActionAnswer = z.object({
  case: ModCaseBody,
  dmSent: z.boolean(),
  /** After a warning: the escalation case, or why the rule could not act. */
  escalation: z.union([z.object({ case: ModCaseBody }), z.object({ error: z.string() }), z.null()]).optional(),
});
export const ReasonBody = z.object({ reason: z.string().trim().min(1).max(500) });
export const UndoBody = z.object({ reason: reason }).optional();
export const NoteBody = z.object({ body: z.string().trim().min(1).max(1000) });
export const MemberHistory = z.object({ cases: z.array(ModCaseBody), notes: z.array(ModNoteBody), historyDays: z.number().int().nullable() });
