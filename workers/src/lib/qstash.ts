import { Client, Receiver } from '@upstash/qstash';
import type { Config } from '../env';

type QstashConfig = Pick<Config, 'QSTASH_URL' | 'QSTASH_TOKEN' | 'QSTASH_CURRENT_SIGNING_KEY' | 'QSTASH_NEXT_SIGNING_KEY'>;

/** A QStash publisher bound to the configured endpoint (Upstash, or the local one). */
export function getQstash(config: QstashConfig): Client {
  return new Client({ baseUrl: config.QSTASH_URL, token: config.QSTASH_TOKEN });
}

/** Verifies `Upstash-Signature` on deliveries with the current and next signing keys. */
export function getReceiver(config: QstashConfig): Receiver {
  return new Receiver({ currentSigningKey: config.QSTASH_CURRENT_SIGNING_KEY, nextSigningKey: config.QSTASH_NEXT_SIGNING_KEY });
}
