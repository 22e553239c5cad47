import { GatewayDispatchEvents as E, Routes } from 'discord-api-types/v10';
import { discordCall } from '../../../api/discord/botRest';
import type { LocalStore } from '../../../platform/LocalStore';
import type { BatchHandler, ModuleEvent } from '../../../platform/ModuleDefinition';
import { guildHub } from '../../../platform/hub/guildHub';
import { customCommandsConfigSchema } from '../config';
import { renderTemplate } from '../template/renderTemplate';
import { baseVars } from '../vars';
import { matchersFor } from './matchers';

/** The message fields the auto-responder reads (content only where the module is on: `guildFields`). */
export const MESSAGE_FIELDS = ['id', 'channel_id', 'webhook_id', 'author.id', 'author.bot', 'author.username', 'author.global_name', 'member.roles'];

interface Msg {
  id: string;
  channel_id: string;
  content?: string;
  webhook_id?: string;
  author?: { id: string; bot?: boolean; username: string; global_name?: string | null };
  member?: { roles?: string[] };
}

const ready = new WeakSet<LocalStore>();
/** Takes a per-channel cooldown of a trigger in the hub's SQLite (one row per answer, never per message). */
function takeCooldown(local: LocalStore, key: string, seconds: number, now: number): boolean {
  if (!ready.has(local)) {
    local.query('CREATE TABLE IF NOT EXISTS cc_cooldowns (k TEXT PRIMARY KEY, until INTEGER NOT NULL)');
    ready.add(local);
  }
  if (seconds <= 0) return true;
  const row = local.query<{ until: number }>('SELECT until FROM cc_cooldowns WHERE k = ?', key)[0];
  if (row && row.until > now) return false;
  local.query('INSERT INTO cc_cooldowns (k, until) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET until = excluded.until', key, now + seconds * 1000);
  return true;
}

/**
 * The auto-responder, as a batch handler in the guild's hub: each human message of the batch is
 * matched against the triggers (compiled once per config, first 2,000 characters, first match
 * wins); a match in an allowed channel, by an allowed member, outside its cooldown answers with
 * its template, once per message (`ctx.once`). Messages that match nothing cost a few string
 * tests and no I/O.
 */
export const autoRespond: BatchHandler = async (events, ctx) => {
  if (!ctx.local) {
    const byGuild = new Map<string, ModuleEvent[]>();
    for (const e of events) (byGuild.get(e.guildId) ?? byGuild.set(e.guildId, []).get(e.guildId)!).push(e);
    await Promise.all([...byGuild].map(([guildId, list]) => guildHub(ctx.env, guildId).runBatch('customcommands', list)));
    return;
  }
  const last = events.at(-1);
  if (!last) return;
  const config = customCommandsConfigSchema.parse(last.config ?? {});
  if (!config.autoResponders.length) return;
  const matchers = matchersFor(config.autoResponders);
  const now = Date.now();
  const sends: Promise<unknown>[] = [];
  for (const e of events) {
    if (e.type !== E.MessageCreate) continue;
    const m = e.payload as Msg;
    if (!m.content || !m.author || m.author.bot || m.webhook_id) continue;
    const i = matchers.findIndex((match) => match(m.content!));
    if (i < 0) continue;
    const a = config.autoResponders[i]!;
    if (a.channels.length && !a.channels.includes(m.channel_id)) continue;
    if (a.roles.length && !(m.member?.roles ?? []).some((r) => a.roles.includes(r))) continue;
    if (!takeCooldown(ctx.local, `${i}:${a.trigger}:${m.channel_id}`, a.cooldownSeconds, now)) continue;
    const text = renderTemplate(a.response, baseVars({ user: { id: m.author.id, username: m.author.username, global_name: m.author.global_name ?? null }, guild: { id: e.guildId }, channel: { id: m.channel_id }, message: m.content }), { message: true }).text.trim();
    if (!text) continue;
    const body = { content: text, allowed_mentions: { parse: ['users'], replied_user: false }, ...(a.reply ? { message_reference: { message_id: m.id, fail_if_not_exists: false } } : {}) };
    sends.push(ctx.once(e.eventId, `cc.auto.${i}`, () => discordCall(() => ctx.rest.post(Routes.channelMessages(m.channel_id), { body })).then(() => undefined)).catch((err: unknown) => {
      ctx.log.warn('auto-response failed', { guildId: e.guildId, trigger: i, error: (err as Error).message });
    }));
  }
  await Promise.all(sends);
};
