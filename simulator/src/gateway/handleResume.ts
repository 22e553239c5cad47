import { GatewayCloseCodes as C, GatewayDispatchEvents as E } from 'discord-api-types/v10';
import type { GatewayConnection } from './GatewayConnection.js';
import type { GatewayHub } from './GatewayHub.js';

interface ResumeData {
  token: string;
  session_id: string;
  seq: number | null;
}

function isResume(d: unknown): d is ResumeData {
  if (!d || typeof d !== 'object') return false;
  const o = d as Record<string, unknown>;
  return typeof o.token === 'string' && typeof o.session_id === 'string' && (o.seq === null || typeof o.seq === 'number');
}

/** READY and RESUMED describe a connection, not the stream: a replay skips them. */
const NOT_REPLAYED = new Set<string>([E.Ready, E.Resumed]);

/**
 * Op 6 Resume: replays exactly the dispatches after `seq`, then RESUMED. Unknown or expired
 * session, or one whose missed events are no longer buffered → op 9 (not resumable);
 * a `seq` ahead of the session → 4007; a bad token → 4004.
 * @see https://discord.com/developers/docs/events/gateway#resuming
 */
export function handleResume(hub: GatewayHub, conn: GatewayConnection, d: unknown): void {
  if (!isResume(d)) return conn.closeWith(C.DecodeError, 'Error while decoding payload.');
  const app = hub.state.applications.byBotToken(d.token.replace(/^Bot\s+/i, ''));
  if (!app) return conn.closeWith(C.AuthenticationFailed, 'Authentication failed.');
  const session = hub.sessions.get(d.session_id);
  if (!session || session.applicationId !== app.id) return hub.invalidate(conn, false);
  const seq = d.seq ?? 0;
  if (seq > session.seq) return conn.closeWith(C.InvalidSeq, 'Invalid seq.');
  if (!session.buffer.canReplayAfter(seq)) {
    hub.deleteSession(session);
    return hub.invalidate(conn, false);
  }

  // A resume takes the session over: an older connection still holding it is dropped.
  const previous = [...hub.connections].find((c) => c !== conn && c.session === session);
  if (previous) {
    previous.session = null;
    previous.terminate();
  }
  if (session.expiry) clearTimeout(session.expiry);
  session.expiry = null;
  session.connection = conn;
  conn.session = session;

  let replayed = 0;
  for (const f of session.buffer.after(seq)) {
    if (NOT_REPLAYED.has(f.t)) continue;
    conn.sendRaw(f.frame);
    replayed++;
  }
  session.dispatch(E.Resumed, '{}');
  hub.counters.resumes++;
  hub.counters.replayed += replayed;
  hub.log({ level: 'info', msg: 'gateway resumed', sessionId: session.id, replayed, onResumeUrl: conn.onResumeUrl });
  hub.events.emit('resume', { sessionId: session.id, replayed });
}
