import type { Config } from '../env';
import { ModuleError } from './manager/ModuleError';
import { PLANS, type Plan } from './ModuleDefinition';

export { PLANS, type Plan };

/** Validates a plan name; throws `PlanInvalid` (400). */
export function parsePlan(value: unknown): Plan {
  if (typeof value === 'string' && (PLANS as readonly string[]).includes(value)) return value as Plan;
  throw new ModuleError('PlanInvalid', `Plan must be one of ${PLANS.join(', ')}`, { received: value });
}

/** The instance owners' Discord ids from `BOT_OWNER_IDS` (comma list). */
export function botOwnerIds(config: Pick<Config, 'BOT_OWNER_IDS'>): Set<string> {
  return new Set((config.BOT_OWNER_IDS ?? '').split(',').map((s) => s.trim()).filter(Boolean));
}

/** Throws `NotBotOwner` (403) unless the user is one of the instance's owners. */
export function assertBotOwner(config: Pick<Config, 'BOT_OWNER_IDS'>, userId: string | undefined): void {
  if (!userId || !botOwnerIds(config).has(userId)) {
    throw new ModuleError('NotBotOwner', 'Only the instance owners (BOT_OWNER_IDS) can change a plan');
  }
}
