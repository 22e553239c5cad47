/** A published message as the local QStash keeps it. */
export interface QstashMessage {
  messageId: string;
  url: string;
  method: string;
  /** Headers forwarded to the destination (the `Upstash-Forward-` prefix removed). */
  header: Record<string, string[]>;
  body: string;
  /** Extra retries after the first attempt. */
  maxRetries: number;
  /** Deliveries already retried. */
  retried: number;
  createdAt: number;
  /** Unix ms of the next delivery attempt. */
  notBefore: number;
  deduplicationId?: string;
  timeoutMs: number;
}

/** A message that failed its last retry, in the shape of QStash's `GET /v2/dlq`. */
export interface DlqMessage extends QstashMessage {
  dlqId: string;
  responseStatus?: number;
  responseHeader?: Record<string, string[]>;
  responseBody?: string;
  /** Why the last attempt failed when there was no HTTP answer (timeout, refused). */
  error?: string;
}
