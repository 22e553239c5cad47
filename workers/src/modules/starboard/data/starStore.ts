import type { LocalStore } from '../../../platform/LocalStore';

/** Where a starred message stands. */
export type StarState = 'counting' | 'posted' | 'ignored';

/** One starred message as the hub keeps it. */
export interface StarEntry {
  messageId: string;
  channelId: string;
  authorId: string | null;
  /** Members whose star counts (never the author, never a bot). */
  stars: string[];
  state: StarState;
  /** The starboard's copy, once posted. */
  boardMessageId: string | null;
  authorName: string | null;
  /** The first words of the message (shown in the dashboard's list), once posted. */
  excerpt: string | null;
  postedAt: number | null;
  updatedAt: number;
}

/** Rows that never reached the board (or were ignored) are forgotten after this long without a star. */
export const IDLE_MS = 7 * 86_400_000;

type Row = { message_id: string; channel_id: string; author_id: string | null; stars: string; state: StarState; board_message_id: string | null; author_name: string | null; excerpt: string | null; posted_at: number | null; updated_at: number };

const COLUMNS = 'message_id, channel_id, author_id, stars, state, board_message_id, author_name, excerpt, posted_at, updated_at';
const toEntry = (r: Row): StarEntry => ({
  messageId: r.message_id, channelId: r.channel_id, authorId: r.author_id, stars: JSON.parse(r.stars) as string[], state: r.state,
  boardMessageId: r.board_message_id, authorName: r.author_name, excerpt: r.excerpt, postedAt: r.posted_at, updatedAt: r.updated_at,
});

let ready = new WeakSet<LocalStore>();
function ensure(local: LocalStore): void {
  if (ready.has(local)) return;
  // WITHOUT ROWID and no secondary index: a star costs one row written (the DO bills rows written, indexes included).
  local.query(`CREATE TABLE IF NOT EXISTS starboard_entries (message_id TEXT PRIMARY KEY, channel_id TEXT NOT NULL, author_id TEXT, stars TEXT NOT NULL, state TEXT NOT NULL, board_message_id TEXT, author_name TEXT, excerpt TEXT, posted_at INTEGER, updated_at INTEGER NOT NULL) WITHOUT ROWID`);
  ready.add(local);
}

/**
 * Starboard's table in the guild hub's SQLite: one row per message that has the starboard
 * emoji (a reaction of any other emoji writes nothing), holding the set of members who starred
 * it. A set, not a counter: an event delivered twice changes nothing, and removals by someone
 * who never counted (a bot, the author) are no-ops. Reads and writes are synchronous, so a
 * handler's read-modify-write is never interleaved with another's.
 */
export const starStore = {
  get(local: LocalStore, messageId: string): StarEntry | null {
    ensure(local);
    const [row] = local.query<Row>(`SELECT ${COLUMNS} FROM starboard_entries WHERE message_id = ?`, messageId);
    return row ? toEntry(row) : null;
  },

  /**
   * Adds or removes one member's star. Writes only when the set changes; returns the entry
   * (null when a removal concerns a message never starred).
   */
  react(local: LocalStore, m: { messageId: string; channelId: string; authorId: string | null; userId: string }, added: boolean, now: number): StarEntry | null {
    const entry = starStore.get(local, m.messageId);
    if (!entry) {
      if (!added) return null;
      local.query(`INSERT INTO starboard_entries (${COLUMNS}) VALUES (?, ?, ?, ?, 'counting', NULL, NULL, NULL, NULL, ?)`, m.messageId, m.channelId, m.authorId, JSON.stringify([m.userId]), now);
      return starStore.get(local, m.messageId);
    }
    if (entry.state === 'ignored') return entry;
    const has = entry.stars.includes(m.userId);
    if (has === added) return entry;
    const stars = added ? [...entry.stars, m.userId] : entry.stars.filter((u) => u !== m.userId);
    return starStore.setStars(local, entry, stars, now, m.authorId);
  },

  /** Replaces the set (a cleared emoji; the exact list read from Discord at the threshold). */
  setStars(local: LocalStore, entry: StarEntry, stars: string[], now: number, authorId = entry.authorId): StarEntry {
    local.query(`UPDATE starboard_entries SET stars = ?, author_id = ?, updated_at = ? WHERE message_id = ?`, JSON.stringify(stars), authorId, now, entry.messageId);
    return { ...entry, stars, authorId, updatedAt: now };
  },

  /** The message is on the board (posted, or its post found again). */
  markPosted(local: LocalStore, entry: StarEntry, post: { boardMessageId: string; authorId: string; authorName: string; excerpt: string; stars: string[] }, now: number): void {
    local.query(
      `UPDATE starboard_entries SET state = 'posted', board_message_id = ?, author_id = ?, author_name = ?, excerpt = ?, stars = ?, posted_at = coalesce(posted_at, ?), updated_at = ? WHERE message_id = ?`,
      post.boardMessageId, post.authorId, post.authorName, post.excerpt, JSON.stringify(post.stars), now, now, entry.messageId,
    );
  },

  /** Its post was removed (fell under the threshold): counting again. */
  markUnposted(local: LocalStore, messageId: string, now: number): void {
    local.query(`UPDATE starboard_entries SET state = 'counting', board_message_id = NULL, posted_at = NULL, updated_at = ? WHERE message_id = ?`, now, messageId);
  },

  /** Never reposted (a bot's message, NSFW into a safe board, deleted): later stars write nothing. */
  markIgnored(local: LocalStore, messageId: string, now: number): void {
    local.query(`UPDATE starboard_entries SET state = 'ignored', updated_at = ? WHERE message_id = ?`, now, messageId);
  },

  /** Messages on the board, most recently posted first. */
  recent(local: LocalStore, limit: number): StarEntry[] {
    ensure(local);
    return local.query<Row>(`SELECT ${COLUMNS} FROM starboard_entries WHERE state = 'posted' ORDER BY posted_at DESC LIMIT ?`, limit).map(toEntry);
  },

  /** Forgets entries that never reached the board and got no star for {@link IDLE_MS}; true while some remain. */
  prune(local: LocalStore, now: number): boolean {
    ensure(local);
    local.query(`DELETE FROM starboard_entries WHERE state != 'posted' AND updated_at < ?`, now - IDLE_MS);
    return local.query<{ n: number }>(`SELECT count(*) AS n FROM starboard_entries WHERE state != 'posted'`)[0]!.n > 0;
  },

  /** Tests only: a new store instance is set up again. */
  reset(): void {
    ready = new WeakSet();
  },
};
