import { randomInt } from 'node:crypto';
import { PermissionFlagsBits as P, Routes } from 'discord-api-types/v10';
import { botUserId } from '../../api/discord/botUser';
import { discordCall } from '../../api/discord/botRest';
import { guildData } from '../../api/discord/guildData';
import { HttpError } from '../../errors';
import { getRedis } from '../../lib/redis';
import { GuildAuthority, PermissionError } from '../../permissions';
import { money, type ShopItem } from './config';
import { postMovement, SYSTEM, type Posted } from './data/ledger';
import { EconomyError } from './EconomyError';
import type { EconomyServices } from './economyServices';

const MAX_AMOUNT = 1_000_000_000;

function requireAmount(amount: number): void {
  if (!Number.isInteger(amount) || amount < 1 || amount > MAX_AMOUNT) throw new EconomyError('InvalidAmount', `The amount must be a whole number from 1 to ${MAX_AMOUNT.toLocaleString('en-US')}`);
}

/** `/daily`: the configured amount from the mint, once per cooldown. */
export function claimDaily(s: EconomyServices, userId: string): Promise<Posted & { amount: number }> {
  const amount = s.config.dailyAmount;
  return postMovement(s.db, s.guildId, {
    kind: 'daily', actorId: userId, entries: [{ account: SYSTEM.mint, amount: -amount }, { account: userId, amount }],
    cooldown: { userId, kind: 'daily', seconds: s.config.dailyCooldown },
  }).then((p) => ({ ...p, amount }));
}

/** `/work`: a random amount between the configured bounds, once per cooldown. */
export async function work(s: EconomyServices, userId: string): Promise<Posted & { amount: number }> {
  const amount = randomInt(s.config.workMin, s.config.workMax + 1);
  const p = await postMovement(s.db, s.guildId, {
    kind: 'work', actorId: userId, entries: [{ account: SYSTEM.mint, amount: -amount }, { account: userId, amount }],
    cooldown: { userId, kind: 'work', seconds: s.config.workCooldown },
  });
  return { ...p, amount };
}

/** `/pay`: from one member to another, atomically; refused for oneself, bots and more than the balance. */
export async function pay(s: EconomyServices, fromId: string, to: { id: string; bot?: boolean }, amount: number): Promise<Posted> {
  requireAmount(amount);
  if (to.id === fromId) throw new EconomyError('InvalidTarget', 'You cannot pay yourself');
  if (to.bot) throw new EconomyError('InvalidTarget', 'Bots have no wallet');
  return postMovement(s.db, s.guildId, { kind: 'pay', actorId: fromId, entries: [{ account: fromId, amount: -amount }, { account: to.id, amount }] });
}

/**
 * An admin gives money from the mint or takes it back (never below zero). The actor needs
 * Manage Server, checked through the same {@link GuildAuthority} as every other action.
 */
export async function adjust(s: EconomyServices, actor: GuildAuthority, target: { id: string; bot?: boolean }, action: 'give' | 'take', amount: number, reason: string | null): Promise<Posted> {
  actor.require(P.ManageGuild);
  requireAmount(amount);
  if (target.bot) throw new EconomyError('InvalidTarget', 'Bots have no wallet');
  const sign = action === 'give' ? 1 : -1;
  return postMovement(s.db, s.guildId, {
    kind: action, actorId: actor.actor!.userId, memo: reason,
    entries: [{ account: SYSTEM.mint, amount: -sign * amount }, { account: target.id, amount: sign * amount }],
  });
}

/** The shop item with this name (case-insensitive), or `ItemNotFound`. */
export function findItem(s: EconomyServices, name: string): ShopItem {
  const item = s.config.shop.find((i) => i.name.toLowerCase() === name.trim().toLowerCase());
  if (!item) throw new EconomyError('ItemNotFound', `The shop has no “${name}”: see /shop list`);
  return item;
}

/**
 * Buys an item. A role item is checked first (the bot holds Manage Roles and stands above the
 * role; the member does not have it yet), then paid (refused below zero), then the role is
 * given; if Discord refuses the role after all, the price is refunded in a second movement.
 */
export async function buy(s: EconomyServices, member: { id: string; roles: readonly string[] }, itemName: string): Promise<{ item: ShopItem; posted: Posted }> {
  const item = findItem(s, itemName);
  if (item.roleId) {
    if (member.roles.includes(item.roleId)) throw new EconomyError('AlreadyOwned', `You already have <@&${item.roleId}>`);
    const d = { rest: s.rest, redis: getRedis(s.appConfig), guildId: s.guildId, config: s.appConfig };
    const [guild, roles, botId] = await Promise.all([guildData.guild(d), guildData.roles(d), botUserId(d)]);
    const role = roles.find((r) => r.id === item.roleId);
    if (!role) throw new EconomyError('ItemNotFound', `The role of “${item.name}” no longer exists: ask an admin to update the shop`);
    const botMember = await guildData.member(d, botId).catch(() => null);
    const bot = new GuildAuthority({ guildId: s.guildId, ownerId: guild.owner_id, roles }, botMember ? { userId: botId, roles: botMember.roles } : null);
    if (!bot.has(P.ManageRoles)) throw new PermissionError('MissingPermissions', 'The bot needs Manage Roles to sell roles', P.ManageRoles);
    if (role.managed || role.id === s.guildId) throw new EconomyError('InvalidTarget', `“${role.name}” is managed by Discord or an integration: nobody can give it`);
    bot.requireAboveRole({ position: role.position, name: role.name });
  }
  const posted = await postMovement(s.db, s.guildId, { kind: 'buy', actorId: member.id, memo: item.name, entries: [{ account: member.id, amount: -item.price }, { account: SYSTEM.shop, amount: item.price }] });
  if (item.roleId) {
    try {
      await discordCall(() => s.rest.put(Routes.guildMemberRole(s.guildId, member.id, item.roleId!), { reason: `Bought in the shop for ${money(s.config, item.price)}` }));
    } catch (err) {
      await postMovement(s.db, s.guildId, { kind: 'refund', actorId: member.id, memo: item.name, entries: [{ account: SYSTEM.shop, amount: -item.price }, { account: member.id, amount: item.price }] });
      if (err instanceof HttpError) throw new HttpError(err.status, `The role could not be given (${err.message}); you were refunded`, { code: err.code });
      throw err;
    }
  }
  return { item, posted };
}
