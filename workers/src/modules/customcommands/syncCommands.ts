import { Routes, type APIApplicationCommand } from 'discord-api-types/v10';
import { and, eq } from 'drizzle-orm';
import { discordCall } from '../../api/discord/botRest';
import { HttpError } from '../../errors';
import type { ModuleContext } from '../../platform/ModuleContext';
import { bodyHash, commandBody } from './commandBody';
import type { CustomCommandsConfig } from './config';
import { customCommandRegistrations as reg } from './schema';

/** What a sync did. */
export interface SyncResult {
  registered: string[];
  removed: string[];
  /** Names refused because one of the bot's own commands has them. */
  reserved: string[];
}

/** Names of the bot's own commands (read when needed: the registry lists this module too). */
async function reservedNames(): Promise<Set<string>> {
  const { registry } = await import('../../platform/registry');
  return new Set(registry.all().flatMap((m) => (m.commands ?? []).map((c) => c.data.name)));
}

/**
 * Makes the guild's Discord commands follow the config: new or changed commands, and those
 * Discord lost (a bulk overwrite), are created (POST upserts by name), deleted ones removed,
 * unchanged ones left alone. `commands` empty
 * (the module turned off) removes them all. Names of the bot's own commands are refused.
 */
export async function syncCommands(ctx: Pick<ModuleContext, 'db' | 'rest' | 'appConfig' | 'hub'>, guildId: string, config: Pick<CustomCommandsConfig, 'commands'>): Promise<SyncResult> {
  const appId = ctx.appConfig.DISCORD_APPLICATION_ID;
  const [rows, reserved, live] = await Promise.all([
    ctx.db.select().from(reg).where(eq(reg.guildId, guildId)),
    reservedNames(),
    discordCall<APIApplicationCommand[]>(() => ctx.rest.get(Routes.applicationGuildCommands(appId, guildId))),
  ]);
  // A registration Discord no longer has (a bulk overwrite of the guild's commands replaced it) is made again.
  const liveIds = new Set(live.map((c) => c.id));
  const have = new Map(rows.filter((r) => liveIds.has(r.commandId)).map((r) => [r.name, r]));
  const out: SyncResult = { registered: [], removed: [], reserved: [] };
  const wanted = config.commands.filter((c) => !reserved.has(c.name) || (out.reserved.push(c.name), false));
  for (const c of wanted) {
    const body = commandBody(c);
    const hash = bodyHash(body);
    if (have.get(c.name)?.bodyHash === hash) continue;
    const made = await discordCall<APIApplicationCommand>(() => ctx.rest.post(Routes.applicationGuildCommands(appId, guildId), { body }));
    await ctx.db.insert(reg).values({ guildId, name: c.name, commandId: made.id, bodyHash: hash })
      .onConflictDoUpdate({ target: [reg.guildId, reg.name], set: { commandId: made.id, bodyHash: hash, updatedAt: new Date() } });
    out.registered.push(c.name);
  }
  const keep = new Set(wanted.map((c) => c.name));
  for (const r of rows.filter((x) => !keep.has(x.name))) {
    await discordCall(() => ctx.rest.delete(Routes.applicationGuildCommand(appId, guildId, r.commandId))).catch((err: unknown) => {
      if (!(err instanceof HttpError && err.status === 404)) throw err;
    });
    await ctx.db.delete(reg).where(and(eq(reg.guildId, guildId), eq(reg.name, r.name)));
    out.removed.push(r.name);
  }
  if (out.reserved.length) {
    await ctx.hub?.publish({ items: [{ module: 'customcommands', kind: 'customcommands.reserved', level: 'warn', summary: `Not registered (the bot has commands with these names): ${out.reserved.map((n) => `/${n}`).join(', ')}`, details: { names: out.reserved } }] }).catch(() => undefined);
  }
  return out;
}
