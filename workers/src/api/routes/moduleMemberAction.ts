import type { Context } from 'hono';
import type { AuthEnv } from '../../auth/AuthEnv';
import { requestDbOf } from '../../lib/db';
import { guildHub } from '../../platform/hub/guildHub';
import { registry } from '../../platform/registry';
import type { ModuleContext } from '../../platform/ModuleContext';
import type { MemberActionOutcome, MemberActionRequest } from '../../platform/MemberActions';
import { ModuleServices } from '../../platform/ModuleServices';

/**
 * Hands a dashboard member action to the first enabled module that takes them over
 * (`ModuleDefinition.memberActions`, e.g. Moderation: a case, the DM, the mod-log), with that
 * module's services and config, and answers what it did; null when no enabled module does
 * (the core route then calls Discord itself). The platform knows no module: it asks the registry.
 */
export async function moduleMemberAction(c: Context<AuthEnv>, request: Omit<MemberActionRequest, 'actorId'>): Promise<MemberActionOutcome | null> {
  const guildId = c.req.param('guildId')!;
  const takers = registry.all().filter((d) => d.memberActions);
  if (!takers.length) return null;
  const state = await guildHub(c.env, guildId).getState();
  const def = takers.find((d) => state.modules[d.id]?.enabled);
  if (!def) return null;
  const services = new ModuleServices({
    appConfig: c.var.config, log: c.var.log, requestId: c.var.requestId, moduleId: def.id, guildId, hub: (g) => guildHub(c.env, g), db: requestDbOf(c),
  });
  try {
    // The services were built for this guild: its context's guildId is set (not spread: db and rest open lazily).
    const ctx = services.context({ config: state.modules[def.id]!.config, plan: state.plan }) as ModuleContext & { guildId: string };
    return await def.memberActions!(ctx, { ...request, actorId: c.var.user.id });
  } finally {
    await services.close();
  }
}
