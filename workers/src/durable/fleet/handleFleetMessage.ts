import type { FleetDown, FleetUp } from '@edge/shared/protocol';
import type { Logger } from '@edge/shared/log';
import type { FleetCore } from './FleetCore';

/** What {@link handleFleetMessage} works with: the coordinator's fleet state and sockets. */
export interface FleetContext {
  fleet: FleetCore;
  /** The socket the message came on. */
  ws: WebSocket;
  /** Every shard process socket (to push assignments). */
  sockets: () => WebSocket[];
  storage: DurableObjectStorage;
  log: Logger;
  /** The config messages for the guilds of an assignment's shards (sent after it). */
  configFor?: ConfigFor;
}

/** Builds the config messages of the guilds on some shards. */
export type ConfigFor = (shardCount: number, shards: number[]) => string[];

/** The process id a socket registered with (kept across hibernation in the socket's attachment). */
export function processOf(ws: WebSocket): string | null {
  try {
    return (ws.deserializeAttachment() as { processId?: string } | null)?.processId ?? null;
  } catch {
    return null;
  }
}

function send(ws: WebSocket, message: FleetDown): void {
  try {
    ws.send(JSON.stringify(message));
  } catch {
    // Closing right now: the process gets its assignment when it registers again.
  }
}

/**
 * Sends every registered process its current assignment, then the needs of the guilds on its
 * shards only (a process never holds every guild's needs).
 */
export function pushAssignments(fleet: FleetCore, sockets: WebSocket[], configFor?: ConfigFor): void {
  const live = new Set(fleet.processes());
  for (const ws of sockets) {
    const processId = processOf(ws);
    if (!processId || !live.has(processId)) continue;
    const assignment = fleet.assignment(processId);
    send(ws, { type: 'assignment', ...assignment });
    for (const m of configFor?.(assignment.shardCount, assignment.shards) ?? []) {
      try {
        ws.send(m);
      } catch {
        // Closing: it gets the config with its next assignment.
      }
    }
  }
}

/** Keeps an alarm at the earliest lease end (`force`: set it again, from the alarm handler). */
export async function scheduleExpiry(fleet: FleetCore, storage: DurableObjectStorage, force = false): Promise<void> {
  const next = fleet.nextExpiry();
  if (next === null) return;
  if (!force && (await storage.getAlarm()) !== null) return;
  await storage.setAlarm(Math.max(Date.now(), next + 1));
}

/**
 * One message of a coordinated shard process. Registration and every change of who runs what
 * push the assignments to all processes; a heartbeat from a process whose lease already
 * expired registers it again (its shards have moved meanwhile; it gets new ones).
 */
export async function handleFleetMessage(ctx: FleetContext, message: FleetUp): Promise<void> {
  const { fleet, ws, log } = ctx;
  const now = Date.now();
  if (message.type === 'hello') {
    ws.serializeAttachment({ processId: message.processId });
    fleet.register(message, now);
    log.info('shard process registered', { processId: message.processId, processes: fleet.processes().length });
    pushAssignments(fleet, ctx.sockets(), ctx.configFor);
    return scheduleExpiry(fleet, ctx.storage);
  }
  const processId = processOf(ws);
  if (!processId) {
    log.warn('shard process message before hello', { type: message.type });
    return;
  }
  switch (message.type) {
    case 'heartbeat': {
      if (!fleet.heartbeat(processId, now)) {
        log.warn('shard process came back after its lease expired', { processId });
        fleet.register({ processId }, now);
        pushAssignments(fleet, ctx.sockets(), ctx.configFor);
      }
      if (message.resume) fleet.saveResume(processId, message.resume);
      send(ws, { type: 'lease', leaseMs: fleet.leaseMs });
      return scheduleExpiry(fleet, ctx.storage);
    }
    case 'resume':
      return fleet.saveResume(processId, message.resume);
    case 'released':
      if (fleet.release(processId, message.shards, message.resume)) pushAssignments(fleet, ctx.sockets(), ctx.configFor);
      return;
    case 'bye':
      log.info('shard process left', { processId });
      if (fleet.leave(processId, message.resume)) pushAssignments(fleet, ctx.sockets(), ctx.configFor);
      ws.serializeAttachment({});
      return;
    case 'identify':
      return send(ws, { type: 'identify', nonce: message.nonce, ...fleet.identify(processId, message.shardId, now) });
    case 'reshard': {
      const count = fleet.reshard(message.shardCount, message.recommendedShards);
      log.warn('shard reported sharding required (4011)', { processId, shardId: message.shardId, code: message.code, newCount: count });
      if (count !== null) pushAssignments(fleet, ctx.sockets(), ctx.configFor);
      return;
    }
  }
}
