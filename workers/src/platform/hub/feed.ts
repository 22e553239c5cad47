/** Severity of a live-feed item. */
export type FeedLevel = 'info' | 'warn' | 'error';

/** What a handler reports (the hub stamps id and time). */
export interface FeedInput {
  /** Module that produced it (`welcome`, `stats`, `system`). */
  module: string;
  /** Machine name, e.g. `welcome.sent`, `welcome.error`, `member.join`. */
  kind: string;
  level: FeedLevel;
  /** Human summary for the dashboard; never message content typed by members. */
  summary: string;
  /** Event id it came from, when it came from one. */
  eventId?: string;
  /** Extra context (Discord error code, channel id, role ids). */
  details?: Record<string, unknown>;
  /** Also write a `dashboard_audit_log` row (errors an admin must see later). */
  audit?: boolean;
  /**
   * Routine activity (a member posted): broadcast at once, stored with the hub's next save
   * rather than forcing one (each save is a billed row; messages come in every batch).
   */
  transient?: boolean;
}

/** An item of the guild's live feed as broadcast and kept in the ring buffer. */
export interface FeedItem extends Omit<FeedInput, 'audit' | 'transient'> {
  id: string;
  at: string;
}

/** How many recent items a freshly opened dashboard receives. */
export const FEED_RING_SIZE = 50;

/** Appends items to a ring buffer of at most `size` items (newest last). */
export function pushRing<T>(ring: T[], items: T[], size = FEED_RING_SIZE): T[] {
  const next = ring.concat(items);
  return next.length > size ? next.slice(next.length - size) : next;
}
