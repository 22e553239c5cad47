import type { GatewayDispatchEvents } from 'discord-api-types/v10';
import type { ModuleEvent, Plan } from '../../../platform/ModuleDefinition';

/** Synthetic event handed to the hub (`hub.runBatch`) by the API and the quiet-period job. */
export const RAID_EVENT = 'AUTOMOD_RAID';

/** Its payload: start or end raid mode (an admin), or check the quiet period (the job). */
export interface RaidOp {
  op: 'start' | 'end' | 'check';
  actorId: string | null;
  /** On `end`: also lift the timeouts raid mode gave. */
  liftTimeouts?: boolean;
}

/** A raid operation as an event of the hub's batch. */
export function raidEvent(guildId: string, op: RaidOp, config: unknown, plan: Plan): ModuleEvent {
  return { eventId: `raid-${op.op}-${Date.now()}`, guildId, type: RAID_EVENT as GatewayDispatchEvents, payload: op, receivedAt: new Date(), config, plan };
}
