import { configRevisions, dashboardAuditLog, guildModules, guilds } from '@edge/drizzle/schema';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../lib/db';
import type { FeedInput } from '../hub/feed';
import type { GuildState, ModuleState } from '../hub/GuildState';
import type { Plan } from '../ModuleDefinition';
import type { ModuleRegistry } from '../registry';

/** What a committed change looked like before and after, as stored in `config_revisions`. */
export interface RevisionSide {
  enabled: boolean;
  config: unknown;
}

/** A change to write: the manager decided it, the store makes it durable. */
export interface ModuleChange {
  guildId: string;
  moduleId: string;
  action: 'enabled' | 'disabled' | 'configured' | 'rollback';
  before: RevisionSide | null;
  after: RevisionSide;
  actorId: string | null;
  requestId?: string;
  reason?: string;
}

/** Reads a guild's plan, facts and module rows from Postgres (the hub's hydration). */
export async function loadGuildState(db: Db, registry: ModuleRegistry, guildId: string): Promise<GuildState> {
  const [guildRows, moduleRows] = await Promise.all([
    db.select().from(guilds).where(eq(guilds.id, guildId)).limit(1),
    db.select().from(guildModules).where(eq(guildModules.guildId, guildId)),
  ]);
  const g = guildRows[0];
  const rows = new Map(moduleRows.map((r) => [r.moduleId, r]));
  const modules: Record<string, ModuleState> = {};
  for (const def of registry.all()) {
    const row = rows.get(def.id);
    // A stored config that no longer parses (schema changed) falls back to defaults instead of breaking the guild.
    const parsed = def.configSchema.safeParse(row?.config ?? {});
    modules[def.id] = {
      enabled: !!def.alwaysOn || (row?.enabled ?? false),
      config: parsed.success ? parsed.data : registry.defaultConfig(def.id),
      version: row?.version ?? 0,
      updatedAt: row?.updatedAt?.toISOString() ?? null,
    };
  }
  return {
    guildId,
    plan: (g?.plan ?? 'free') as Plan,
    guild: g ? { name: g.name, icon: g.icon, ownerId: g.ownerId, memberCount: g.memberCount } : null,
    modules,
  };
}

/**
 * Writes a module change in ONE transaction: the `guild_modules` upsert (version + 1), a
 * `config_revisions` row with before/after, and a `dashboard_audit_log` row.
 */
export async function commitModuleChange(db: Db, change: ModuleChange): Promise<{ version: number; revisionId: number; updatedAt: string }> {
  return db.transaction(async (tx) => {
    // guild_modules references guilds: a guild configured before its GUILD_CREATE arrived gets a placeholder row.
    await tx.insert(guilds).values({ id: change.guildId, name: '' }).onConflictDoNothing();
    const now = new Date();
    const [row] = await tx
      .insert(guildModules)
      .values({
        guildId: change.guildId,
        moduleId: change.moduleId,
        enabled: change.after.enabled,
        config: change.after.config,
        enabledAt: change.after.enabled ? now : null,
        disabledAt: change.after.enabled ? null : now,
        updatedAt: now,
        version: 1,
      })
      .onConflictDoUpdate({
        target: [guildModules.guildId, guildModules.moduleId],
        set: {
          enabled: change.after.enabled,
          config: change.after.config,
          enabledAt: change.after.enabled && !change.before?.enabled ? now : sql`${guildModules.enabledAt}`,
          disabledAt: change.after.enabled ? null : change.before?.enabled ? now : sql`${guildModules.disabledAt}`,
          updatedAt: now,
          version: sql`${guildModules.version} + 1`,
        },
      })
      .returning({ version: guildModules.version });
    const [rev] = await tx
      .insert(configRevisions)
      .values({
        guildId: change.guildId,
        moduleId: change.moduleId,
        actorId: change.actorId,
        before: change.before,
        after: change.after,
        reason: change.reason ?? change.action,
      })
      .returning({ id: configRevisions.id });
    await tx.insert(dashboardAuditLog).values({
      guildId: change.guildId,
      actorId: change.actorId,
      action: `module.${change.action}`,
      targetType: 'module',
      targetId: change.moduleId,
      details: { revisionId: rev!.id, version: row!.version },
      requestId: change.requestId ?? null,
    });
    return { version: row!.version, revisionId: rev!.id, updatedAt: now.toISOString() };
  });
}

/** Sets a guild's plan and records who did it, in one transaction. */
export async function commitPlan(db: Db, guildId: string, plan: Plan, before: Plan, actorId: string | null, requestId?: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.insert(guilds).values({ id: guildId, name: '', plan }).onConflictDoUpdate({ target: guilds.id, set: { plan, updatedAt: new Date() } });
    await tx.insert(dashboardAuditLog).values({
      guildId, actorId, action: 'guild.plan', targetType: 'guild', targetId: guildId, details: { before, after: plan }, requestId: requestId ?? null,
    });
  });
}

/** Writes feed items flagged `audit` (Discord refusals an admin must see later) to the audit log. */
export async function insertAuditItems(db: Db, guildId: string, items: FeedInput[]): Promise<void> {
  const rows = items.filter((i) => i.audit);
  if (rows.length === 0) return;
  await db.insert(dashboardAuditLog).values(
    rows.map((i) => ({
      guildId, actorId: null, action: i.kind, targetType: 'module', targetId: i.module,
      details: { level: i.level, summary: i.summary, eventId: i.eventId, ...i.details },
    })),
  );
}
