import type { GatewayGuildMemberAddDispatchData, GatewayGuildMemberRemoveDispatchData } from 'discord-api-types/v10';
import { COLORS, type LogEntry, who } from '../LogEntry';

const DISCORD_EPOCH = 1_420_070_400_000n;
const DAY = 86_400_000;

/** When a Discord id (snowflake) was made. */
export function snowflakeDate(id: string): Date {
  return new Date(Number((BigInt(id) >> 22n) + DISCORD_EPOCH));
}

/** "3 days", "2 years": the account's age, for humans. */
export function accountAge(created: Date, now = Date.now()): string {
  const days = Math.floor((now - created.getTime()) / DAY);
  if (days < 1) return 'less than a day';
  if (days < 60) return `${days} day${days === 1 ? '' : 's'}`;
  if (days < 730) return `${Math.floor(days / 30)} months`;
  return `${Math.floor(days / 365)} years`;
}

/** GUILD_MEMBER_ADD → who joined and how old the account is (under 7 days flagged). */
export function memberJoinEntry(eventId: string, d: GatewayGuildMemberAddDispatchData, now = Date.now()): LogEntry | null {
  if (!d.user) return null;
  const created = snowflakeDate(d.user.id);
  const young = now - created.getTime() < 7 * DAY;
  return {
    kind: 'memberJoin',
    eventId,
    subject: { bot: d.user.bot, roles: d.roles },
    embed: {
      color: young ? COLORS.change : COLORS.add,
      title: d.user.bot ? 'Bot added' : 'Member joined',
      description: who(d.user),
      fields: [{ name: 'Account age', value: `${accountAge(created, now)}${young ? ' ⚠️ new account' : ''} (created <t:${Math.floor(created.getTime() / 1000)}:D>)` }],
      footer: { text: `User ID ${d.user.id}` },
    },
  };
}

/** GUILD_MEMBER_REMOVE → who left (kicks are logged from the audit log with the moderator). */
export function memberLeaveEntry(eventId: string, d: GatewayGuildMemberRemoveDispatchData): LogEntry {
  return {
    kind: 'memberLeave',
    eventId,
    subject: { bot: d.user.bot },
    embed: { color: COLORS.remove, title: 'Member left', description: who(d.user), footer: { text: `User ID ${d.user.id}` } },
  };
}
