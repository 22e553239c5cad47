import type { GatewayDispatchEvents } from 'discord-api-types/v10';
import type { GuildHubClient } from '../../platform/hub/guildHub';
import type { Plan } from '../../platform/ModuleDefinition';
import { ADJUST_EVENT, IMPORT_EVENT, type AdjustPayload, type ImportPayload } from './events/toXpInput';
import type { LevelingRead, XpEntry } from './hub/readLeveling';

/**
 * Sends an admin's XP change to the guild's hub, where it is journaled like a batch (its id
 * makes a retried request a no-op) and any level change runs at once (rewards, announcement);
 * answers the member's totals after it.
 */
export async function adjustXp(hub: GuildHubClient, input: { guildId: string; requestId: string; config: unknown; plan: Plan } & AdjustPayload): Promise<XpEntry> {
  const { guildId, requestId, config, plan, ...payload } = input;
  await hub.runBatch('leveling', [{ eventId: `xp:${requestId}`, guildId, type: ADJUST_EVENT as GatewayDispatchEvents, payload, receivedAt: new Date(), config, plan }]);
  const { value } = await hub.readLocal<LevelingRead>('leveling', { userId: payload.userId });
  if (!('member' in value)) throw new Error('unexpected leveling read');
  return value.member;
}

/** Sends a CSV import to the hub: every listed member's XP set to its total, in one journal row. */
export async function importXp(hub: GuildHubClient, input: { guildId: string; requestId: string; config: unknown; plan: Plan } & ImportPayload): Promise<void> {
  const { guildId, requestId, config, plan, rows } = input;
  await hub.runBatch('leveling', [{ eventId: `import:${requestId}`, guildId, type: IMPORT_EVENT as GatewayDispatchEvents, payload: { rows }, receivedAt: new Date(), config, plan }]);
}
