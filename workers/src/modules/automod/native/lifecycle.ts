import { guildModules } from '@edge/drizzle/schema';
import { and, eq } from 'drizzle-orm';
import type { LifecycleContext, ScheduledContext } from '../../../platform/ModuleDefinition';
import { errorFields } from '../../../lib/errorFields';
import { automodConfigSchema, type AutomodConfig } from '../config';
import { syncNativeRules, type SyncReport } from './syncNativeRules';

/** After enable, a config change or disable (`null`): Discord's rules follow; refusals are told in the feed and the audit log. */
export async function syncOnChange(ctx: LifecycleContext<AutomodConfig>, config: AutomodConfig | null): Promise<SyncReport> {
  const report = await syncNativeRules({ rest: ctx.rest, guildId: ctx.guildId, botId: ctx.appConfig.DISCORD_APPLICATION_ID, log: ctx.log }, config);
  if (report.errors.length) {
    await ctx.hub?.publish({ items: [{ module: 'automod', kind: 'automod.sync_refused', level: 'error', summary: `Discord refused to update its AutoMod rules: ${report.errors.join('; ')}`.slice(0, 300), audit: true }] }).catch(() => {});
  }
  return report;
}

/**
 * The hourly safety net for drift missed as events (the bot offline when a rule was changed):
 * every guild where Automod is on gets its rules checked (one list call each; writes only
 * where they drifted).
 */
export async function syncAllGuilds(ctx: ScheduledContext): Promise<number> {
  const rows = await ctx.db.select({ guildId: guildModules.guildId, config: guildModules.config }).from(guildModules).where(and(eq(guildModules.moduleId, 'automod'), eq(guildModules.enabled, true)));
  let repaired = 0;
  for (const row of rows) {
    const parsed = automodConfigSchema.safeParse(row.config ?? {});
    if (!parsed.success) continue;
    try {
      const r = await syncNativeRules({ rest: ctx.rest, guildId: row.guildId, botId: ctx.appConfig.DISCORD_APPLICATION_ID, log: ctx.log }, parsed.data);
      repaired += r.created + r.updated + r.deleted;
    } catch (err) {
      ctx.log.warn('automod cron sync failed', { guildId: row.guildId, ...errorFields(err) });
    }
  }
  return repaired;
}
