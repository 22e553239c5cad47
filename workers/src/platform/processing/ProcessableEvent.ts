/** A stored gateway event as processing sees it (the ingest's `StoredEvent` fits). */
export interface ProcessableEvent {
  eventId: string;
  type: string;
  guildId: string | null;
  payload: unknown;
  receivedAt?: Date | string;
}
