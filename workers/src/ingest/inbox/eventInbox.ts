import type { Env } from '../../env';
import { countUsage } from '../../lib/usage';
import type { AcceptResult, InboxStatus, LetterInput } from './InboxCore';

/** What the Worker calls on the inbox. */
export interface EventInboxRpc {
  accept(nonce: string, body: string): Promise<AcceptResult>;
  redeliver(letter: Omit<LetterInput, 'error'>): Promise<void>;
  status(): Promise<InboxStatus>;
}

/** The deployment's inbox (one Durable Object request per call, counted for the free-tier meter). */
export function eventInbox(env: Pick<Env, 'EVENT_INBOX'>): EventInboxRpc {
  countUsage('doRequests');
  return env.EVENT_INBOX.get(env.EVENT_INBOX.idFromName('default')) as unknown as EventInboxRpc;
}
