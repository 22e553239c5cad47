import { GatewayDispatchEvents as E, type APIEmbed } from 'discord-api-types/v10';
import { guildHub } from '../../../platform/hub/guildHub';
import type { BatchHandler, ModuleEvent, ProcessingContext } from '../../../platform/ModuleDefinition';
import { eventServices } from '../../../platform/ModuleServices';
import type { AutomodConfig } from '../config';
import type { AutomodDeps } from '../effects/AutomodDeps';
import { caughtEmbed, deleteMessage, joinEmbed, moderate } from '../effects/messageActions';
import { postLog } from '../effects/postLog';
import { actOnRaidJoins, endRaid, liftRaidTimeouts, startRaid } from '../effects/raidMode';
import { checkJoin, type JoinHit } from '../rules/checkJoin';
import { anyMessageRule, checkMessage, strongest, type Hit, type MessageFacts } from '../rules/checkMessage';
import { countJoin, quietEnough } from '../rules/RaidState';
import { AutomodLocal } from './AutomodLocal';
import { joinFacts, messageFacts } from './eventFacts';
import { scheduleRaidCheck } from './raidCheck';
import { RAID_EVENT, type RaidOp } from './raidOps';


/** A member acted on is not acted on again for this long (a flood caught over several batches is one case). */
const ACT_COOLDOWN_MS = 30_000;
const recentlyActed = new WeakMap<AutomodLocal, Map<string, number>>();

/** Effects' services for this run. */
export function automodDeps(ctx: ProcessingContext, e: ModuleEvent): AutomodDeps {
  return {
    guildId: e.guildId, db: ctx.db, rest: ctx.rest, log: ctx.log, appConfig: ctx.appConfig, plan: e.plan,
    jobs: eventServices(ctx, 'automod', e.guildId, e.eventId).jobs,
    report: (item) => ctx.report(e.guildId, item),
  };
}

/**
 * The module's `batchHandler`, in the guild's hub: each member message runs through our rules
 * (counting windows in memory, see `AutomodLocal`; no database), each join through the join
 * rules and the raid detector. Only what was caught costs anything: the deletion first, then
 * Moderation's case, one log post for the run; raid mode's steps when it starts or ends.
 */
export const automodBatch: BatchHandler = async (events, ctx) => {
  if (!ctx.local) {
    const byGuild = new Map<string, ModuleEvent[]>();
    for (const e of events) (byGuild.get(e.guildId) ?? byGuild.set(e.guildId, []).get(e.guildId)!).push(e);
    await Promise.all([...byGuild].map(([guildId, list]) => guildHub(ctx.env, guildId).runBatch('automod', list)));
    return;
  }
  const last = events.at(-1);
  if (!last) return;
  const config = last.config as AutomodConfig;
  const local = AutomodLocal.of(ctx.local);
  const now = Date.now();
  const messagesOn = anyMessageRule(config);
  const caught: { e: ModuleEvent; m: MessageFacts; hit: Hit; others: number }[] = [];
  const joins: { e: ModuleEvent; userId: string; hit: JoinHit }[] = [];
  const ops: RaidOp[] = [];
  let raidWindow: string[] | null = null;
  let raidChanged = false;
  for (const e of events) {
    if (e.type === E.MessageCreate) {
      if (!messagesOn) continue;
      const m = messageFacts(e.payload);
      const hits = m ? checkMessage(config, m, local.windows) : [];
      const hit = strongest(hits);
      if (m && hit) caught.push({ e, m, hit, others: hits.length - 1 });
    } else if (e.type === E.GuildMemberAdd) {
      const j = joinFacts(e.payload, e.receivedAt);
      if (!j || j.bot) continue;
      const hit = checkJoin(config, j);
      if (hit) joins.push({ e, userId: j.userId, hit });
      const v = countJoin(local.raid, config.raid, j.userId, j.at);
      raidChanged ||= v.matches;
      if (v.started) raidWindow = v.window;
      else if (v.matches && local.raid.active && config.raid.onJoin !== 'none') local.raid.pending.push(j.userId);
    } else if ((e.type as string) === RAID_EVENT) ops.push(e.payload as RaidOp);
  }
  if (messagesOn) local.saveWindows(now);
  if (raidChanged) local.saveRaid();
  const d = automodDeps(ctx, last);
  const embeds: APIEmbed[] = [];
  const acted = recentlyActed.get(local) ?? recentlyActed.set(local, new Map()).get(local)!;
  const actNow = (userId: string) => {
    const at = acted.get(userId);
    if (at && now - at < ACT_COOLDOWN_MS) return false;
    acted.set(userId, now);
    return true;
  };
  // Deletions go out together first (their claims in one round); moderation follows.
  const moderation: (() => Promise<void>)[] = [];
  await Promise.all(caught.map(({ e, m, hit, others }) => ctx.once(e.eventId, 'automod.message', async () => {
    if (hit.action !== 'log') await deleteMessage(d, m, hit.reason);
    ctx.log.info('automod decision', { rule: hit.rule, action: hit.action, ms: Date.now() - e.receivedAt.getTime() });
    const strong = hit.action !== 'delete' && hit.action !== 'log' && actNow(m.authorId);
    if (!strong) return void embeds.push(caughtEmbed(m, hit, hit.action === 'log' ? 'Logged only' : 'Message deleted', others));
    moderation.push(async () => void embeds.push(caughtEmbed(m, hit, await moderate(d, m.authorId, hit), others)));
  })));
  await Promise.all(joins.map(({ e, userId, hit }) => ctx.once(e.eventId, 'automod.join', async () => {
    if (hit.action === 'log' || !actNow(userId)) return void embeds.push(joinEmbed(userId, hit, 'Logged only'));
    moderation.push(async () => void embeds.push(joinEmbed(userId, hit, await moderate(d, userId, hit))));
  })));
  for (const run of moderation) await run();
  await raidSteps(d, config, local, raidWindow, ops, now);
  await postLog(d.rest, config.logChannelId, embeds, d.log);
};

/** Raid mode's steps for this run: start (detected or by an admin), act on queued joins, end (quiet or by an admin). */
async function raidSteps(d: AutomodDeps, config: AutomodConfig, local: AutomodLocal, window: string[] | null, ops: RaidOp[], now: number): Promise<void> {
  const raid = local.raid;
  const before = JSON.stringify(raid);
  const start = ops.find((o) => o.op === 'start');
  if (window || (start && !raid.active)) {
    if (!window) Object.assign(raid, { active: true, since: now, lastJoinAt: now, actedOn: 0 });
    await startRaid(d, config, raid, window ?? [], start?.actorId ?? null);
    await scheduleRaidCheck(d, config);
  }
  if (raid.active && raid.pending.length) await actOnRaidJoins(d, config, raid);
  const end = ops.find((o) => o.op === 'end');
  if (raid.active && end) await endRaid(d, config, raid, { actorId: end.actorId, reason: 'admin', liftTimeouts: end.liftTimeouts ?? false });
  else if (end?.liftTimeouts && raid.timedOut.length) await liftRaidTimeouts(d, raid);
  else if (quietEnough(raid, config.raid, now)) await endRaid(d, config, raid, { actorId: null, reason: 'quiet', liftTimeouts: false });
  else if (raid.active && ops.some((o) => o.op === 'check')) await scheduleRaidCheck(d, config);
  if (JSON.stringify(raid) !== before) local.saveRaid();
}
