import { GuildVerificationLevel, Routes, type APIGuild } from 'discord-api-types/v10';
import { discordCall } from '../../../api/discord/botRest';
import { errorFields } from '../../../lib/errorFields';
import type { AutomodConfig } from '../config';
import type { RaidState } from '../rules/RaidState';
import { auditStep } from './audit';
import type { AutomodDeps } from './AutomodDeps';
import { LOG_COLORS, postLog } from './postLog';

/** Discord pauses invites for at most 24 hours at a time (renewed while raid mode lasts). */
const INVITE_PAUSE_MS = 24 * 3_600_000;
/** Discord calls for raid joins per hub run (the hub's subrequest budget); the rest wait for the next run. */
export const RAID_CALLS_PER_RUN = 30;

const REASON = 'Automod: raid mode';

/** Tries one step, reporting a refusal instead of stopping raid mode. */
async function attempt(d: AutomodDeps, what: string, fn: () => Promise<unknown>, failures: string[]): Promise<boolean> {
  try {
    await discordCall(fn);
    return true;
  } catch (err) {
    d.log.warn('automod raid step refused', { guildId: d.guildId, what, ...errorFields(err) });
    failures.push(`${what}: ${err instanceof Error ? err.message : String(err)}`);
    return false;
  }
}

/**
 * Raid mode on: the verification level raised to High (the previous one kept to put back),
 * invites paused (incident actions), the raid's joins queued for the configured action,
 * announced in the log channel and written to the audit log. Mutates `s`.
 */
export async function startRaid(d: AutomodDeps, c: AutomodConfig, s: RaidState, window: string[], actorId: string | null): Promise<void> {
  const failures: string[] = [];
  if (c.raid.raiseVerification) {
    const guild = await discordCall<APIGuild>(() => d.rest.get(Routes.guild(d.guildId))).catch(() => null);
    const before = guild?.verification_level ?? null;
    if (before !== null && before < GuildVerificationLevel.High && await attempt(d, 'raise verification', () => d.rest.patch(Routes.guild(d.guildId), { body: { verification_level: GuildVerificationLevel.High }, reason: REASON }), failures)) {
      s.previousVerification = before;
    }
  }
  if (c.raid.pauseInvites && await attempt(d, 'pause invites', () => d.rest.put(`/guilds/${d.guildId}/incident-actions`, { body: { invites_disabled_until: new Date(Date.now() + INVITE_PAUSE_MS).toISOString() }, reason: REASON }), failures)) {
    s.invitesPaused = true;
  }
  // Joins counted after the one that started it (same run) are queued already: the window goes first.
  s.pending = c.raid.onJoin === 'none' ? [] : [...window, ...s.pending.filter((id) => !window.includes(id))];
  s.timedOut = [];
  const steps = [s.previousVerification !== null && 'verification raised to High', s.invitesPaused && 'invites paused', c.raid.onJoin !== 'none' && `raid joins ${c.raid.onJoin === 'kick' ? 'kicked' : 'timed out'}`].filter(Boolean).join(', ') || 'nothing changed';
  await postLog(d.rest, c.logChannelId, [{
    title: '🚨 Raid mode on',
    color: LOG_COLORS.raid,
    description: `${window.length} joins of ${c.raid.freshAccountDays ? `accounts younger than ${c.raid.freshAccountDays} days` : 'accounts'} within ${c.raid.seconds} s${actorId ? ` (started by <@${actorId}>)` : ''}: ${steps}. It ends after ${c.raid.quietMinutes} min without such joins, or from the dashboard.`,
    ...(failures.length ? { fields: [{ name: 'Refused by Discord', value: failures.join('\n').slice(0, 1000) }] } : {}),
  }], d.log);
  await auditStep(d.db, d.guildId, actorId, 'automod.raid_start', { joins: window.length, previousVerification: s.previousVerification, invitesPaused: s.invitesPaused, onJoin: c.raid.onJoin, failures });
  d.report({ module: 'automod', kind: 'automod.raid_start', level: 'warn', summary: `Raid mode on: ${window.length} joins in ${c.raid.seconds} s` });
}

/**
 * Acts on queued raid joins (time out or kick, straight through Discord with the raid as the
 * audit-log reason: a raid is one audited step, not hundreds of cases), at most
 * {@link RAID_CALLS_PER_RUN} per run. Timed-out members are kept so ending raid mode can lift them.
 */
export async function actOnRaidJoins(d: AutomodDeps, c: AutomodConfig, s: RaidState): Promise<number> {
  const batch = s.pending.splice(0, RAID_CALLS_PER_RUN);
  if (!batch.length || c.raid.onJoin === 'none') return 0;
  const until = new Date(Date.now() + c.raid.timeoutSeconds * 1000).toISOString();
  const done = await Promise.all(batch.map((userId) =>
    discordCall(() => c.raid.onJoin === 'kick'
      ? d.rest.delete(Routes.guildMember(d.guildId, userId), { reason: REASON })
      : d.rest.patch(Routes.guildMember(d.guildId, userId), { body: { communication_disabled_until: until }, reason: REASON }))
      .then(() => userId, (err: unknown) => {
        d.log.warn('automod raid join not acted on', { guildId: d.guildId, ...errorFields(err) });
        return null;
      })));
  const acted = done.filter((x): x is string => !!x);
  s.actedOn += acted.length;
  if (c.raid.onJoin === 'timeout') s.timedOut = [...s.timedOut, ...acted].slice(-1000);
  return acted.length;
}

/**
 * Lifts timeouts raid mode gave, a bounded number per run (the hub's subrequests): the rest
 * stay listed in `timedOut` for the admin's next request.
 */
export async function liftRaidTimeouts(d: AutomodDeps, s: RaidState, failures: string[] = []): Promise<number> {
  const batch = s.timedOut.splice(0, RAID_CALLS_PER_RUN);
  const done = await Promise.all(batch.map((userId) => attempt(d, 'lift timeout', () => d.rest.patch(Routes.guildMember(d.guildId, userId), { body: { communication_disabled_until: null }, reason: REASON }), failures)));
  return done.filter(Boolean).length;
}

/**
 * Raid mode off (quiet period over, or an admin): the verification level put back, invites
 * resumed, the raid's timeouts lifted when asked, announced and audited. Mutates `s`.
 */
export async function endRaid(d: AutomodDeps, c: AutomodConfig, s: RaidState, by: { actorId: string | null; reason: 'quiet' | 'admin'; liftTimeouts: boolean }): Promise<void> {
  const failures: string[] = [];
  const restored = s.previousVerification !== null && await attempt(d, 'restore verification', () => d.rest.patch(Routes.guild(d.guildId), { body: { verification_level: s.previousVerification }, reason: REASON }), failures);
  const resumed = s.invitesPaused && await attempt(d, 'resume invites', () => d.rest.put(`/guilds/${d.guildId}/incident-actions`, { body: { invites_disabled_until: null }, reason: REASON }), failures);
  const lifted = by.liftTimeouts ? await liftRaidTimeouts(d, s, failures) : 0;
  const summary = { previousVerification: s.previousVerification, restored, resumed, lifted, actedOn: s.actedOn, failures };
  Object.assign(s, { active: false, joins: [], pending: [], previousVerification: restored ? null : s.previousVerification, invitesPaused: s.invitesPaused && !resumed, ended: { at: Date.now(), by: by.actorId, reason: by.reason } });
  await postLog(d.rest, c.logChannelId, [{
    title: '✅ Raid mode over',
    color: LOG_COLORS.calm,
    description: `${by.reason === 'admin' ? `Ended by <@${by.actorId}>` : `${c.raid.quietMinutes} min without raid joins`}. ${summary.actedOn} joins acted on; ${[restored && 'verification level put back', resumed && 'invites resumed', lifted && `${lifted} timeouts lifted`].filter(Boolean).join(', ') || 'nothing to undo'}.`,
    ...(failures.length ? { fields: [{ name: 'Refused by Discord', value: failures.join('\n').slice(0, 1000) }] } : {}),
  }], d.log);
  await auditStep(d.db, d.guildId, by.actorId, 'automod.raid_end', { reason: by.reason, ...summary });
  d.report({ module: 'automod', kind: 'automod.raid_end', level: 'info', summary: `Raid mode over (${by.reason === 'admin' ? 'ended by an admin' : 'quiet'})` });
}
