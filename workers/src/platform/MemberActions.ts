import type { ModuleContext } from './ModuleContext';

/** A member action the dashboard's Members page takes (core routes under `/members/{userId}`). */
export type MemberActionKind = 'kick' | 'ban' | 'timeout' | 'untimeout';

/** What the dashboard asked, as the core route validated it. */
export interface MemberActionRequest {
  action: MemberActionKind;
  /** The dashboard user acting (their Discord permissions and hierarchy are checked by the handler). */
  actorId: string;
  userId: string;
  reason?: string;
  /** Timeout length (`timeout`). */
  durationSeconds?: number;
  /** Seconds of the user's messages Discord deletes (`ban`). */
  deleteMessageSeconds?: number;
}

/** What a handler did, for the core route's audit row and answer. */
export interface MemberActionOutcome {
  /** The number of the record the module kept (Moderation: the case), when it kept one. */
  caseNumber?: number;
}

/**
 * A module's takeover of the dashboard's member actions (`ModuleDefinition.memberActions`): while
 * the module is on in the guild, the core routes hand the action to it instead of calling Discord
 * themselves, so the dashboard and the slash commands run one code path (Moderation: the same
 * checks, the DM, the case, the mod-log, escalation). The handler checks the actor's permissions
 * and the role hierarchy itself and throws the same typed errors as its commands.
 */
export type MemberActionHandler = (ctx: ModuleContext & { guildId: string }, request: MemberActionRequest) => Promise<MemberActionOutcome>;
