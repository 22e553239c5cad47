import type { REST } from '@discordjs/rest';
import { Routes, type APIChannel, type APIGuildMember, type APIRole } from 'discord-api-types/v10';
import { botUserId } from '../../../api/discord/botUser';
import { discordCall } from '../../../api/discord/botRest';
import { guildData } from '../../../api/discord/guildData';
import type { Config } from '../../../env';
import { getRedis } from '../../../lib/redis';
import type { Logger } from '@edge/shared/log';
import { GuildAuthority } from '../../../permissions';
import type { FeedInput } from '../../../platform/hub/feed';
import type { LevelingConfig } from '../config';
import type { LevelChange } from '../hub/XpLedger';
import { botRoleBlock } from './botRoleCheck';
import { renderAnnouncement, rewardDiff, rewardPlan } from './rewardPlan';

/** What the effects need: Discord, and where to report what failed (the live feed). */
export interface EffectServices {
  guildId: string;
  rest: REST;
  appConfig: Config;
  log: Logger;
  report: (item: FeedInput) => void;
}

/**
 * A batch's level changes, after they were journaled (the journal row is their claim: a
 * re-delivered batch changes no level, so nothing runs twice): reward roles synced to the new
 * level (stack or replace) through the bot's permission and hierarchy checks, and level-ups
 * announced. A refusal or failure is reported on the live feed (and the audit log) with its
 * reason, never thrown: it must not hold the guild's later events back.
 */
export async function applyLevelChanges(s: EffectServices, config: LevelingConfig, changes: readonly LevelChange[]): Promise<void> {
  if (changes.length === 0) return;
  const d = { rest: s.rest, redis: getRedis(s.appConfig), guildId: s.guildId, config: s.appConfig };
  let facts: Promise<{ bot: GuildAuthority; roles: Map<string, APIRole> }> | undefined;
  const botFacts = () => (facts ??= (async () => {
    const [guild, roles, botId] = await Promise.all([guildData.guild(d), guildData.roles(d), botUserId(d)]);
    const me = await guildData.member(d, botId).catch(() => null);
    const bot = new GuildAuthority({ guildId: s.guildId, ownerId: guild.owner_id, roles }, me ? { userId: botId, roles: me.roles } : null);
    return { bot, roles: new Map(roles.map((r) => [r.id, r])) };
  })());
  const fail = (change: LevelChange, what: string, reason: string, details: Record<string, unknown> = {}) => {
    s.log.warn('leveling.effect_failed', { userId: change.userId, what, reason });
    s.report({ module: 'leveling', kind: 'leveling.error', level: 'warn', audit: true, summary: `Level ${change.to} of <@${change.userId}>: ${what} failed: ${reason}`, details: { userId: change.userId, level: change.to, ...details } });
  };
  await Promise.all(changes.map(async (change) => {
    let member: APIGuildMember | null = null;
    const plan = rewardPlan(config, change.to);
    if (plan.all.size > 0) {
      try {
        const held = change.roles ?? (member = await guildData.member(d, change.userId)).roles;
        const diff = rewardDiff(plan, held);
        if (diff.add.length + diff.remove.length > 0) {
          const { bot, roles } = await botFacts();
          const reason = `Leveling: level ${change.to}`;
          await Promise.all([...diff.add.map((id) => ['add', id] as const), ...diff.remove.map((id) => ['remove', id] as const)].map(async ([op, id]) => {
            const block = botRoleBlock(bot, roles.get(id), s.guildId);
            if (block) return fail(change, `${op === 'add' ? 'giving' : 'removing'} the reward role`, block, { roleId: id });
            try {
              await discordCall(() => (op === 'add' ? s.rest.put(Routes.guildMemberRole(s.guildId, change.userId, id), { reason }) : s.rest.delete(Routes.guildMemberRole(s.guildId, change.userId, id), { reason })));
            } catch (err) {
              fail(change, `${op === 'add' ? 'giving' : 'removing'} the reward role`, why(err), { roleId: id });
            }
          }));
        }
      } catch (err) {
        fail(change, 'reading the member', why(err));
      }
    }
    if (change.to > change.from && config.announce !== 'off') {
      try {
        await announce(s, config, change, member);
      } catch (err) {
        fail(change, 'the announcement', why(err));
      }
    }
  }));
}

const why = (err: unknown) => (err instanceof Error ? err.message.slice(0, 200) : String(err));

async function announce(s: EffectServices, config: LevelingConfig, change: LevelChange, member: APIGuildMember | null): Promise<void> {
  let channelId = config.announce === 'channel' ? config.announceChannelId : change.channelId;
  if (config.announce === 'dm') {
    channelId = (await discordCall<APIChannel>(() => s.rest.post(Routes.userChannels(), { body: { recipient_id: change.userId } }))).id;
  }
  // A level reached in voice or from an admin's /xp has no message channel: nothing to answer to.
  if (!channelId) return;
  if (!member && config.announceTemplate.includes('{username}')) member = await guildData.member({ rest: s.rest, redis: getRedis(s.appConfig), guildId: s.guildId }, change.userId).catch(() => null);
  const username = member?.nick ?? member?.user.global_name ?? member?.user.username ?? 'member';
  const content = renderAnnouncement(config.announceTemplate, { userId: change.userId, username, level: change.to, xp: change.xp });
  await discordCall(() => s.rest.post(Routes.channelMessages(channelId), { body: { content, allowed_mentions: { users: [change.userId] } } }));
}
