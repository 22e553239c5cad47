import { SNOWFLAKE_PATTERN } from '@edge/shared/snowflake';
import type { LevelingConfig } from './config';
import { xpForLevel } from './curve';

/** One member's XP read from the CSV. */
export interface CsvXpRow {
  line: number;
  userId: string;
  username: string | null;
  xp: number;
  messages?: number;
}

/** A line the import refuses, with why. */
export interface CsvLineError {
  line: number;
  message: string;
}

/** Accepted header names (case and spacing ignored), by column. */
const COLUMNS = {
  userId: ['user_id', 'userid', 'user id', 'id', 'discord id', 'discord_id', 'member id'],
  xp: ['xp', 'total xp', 'total_xp', 'experience', 'exp'],
  level: ['level', 'lvl'],
  messages: ['messages', 'message_count', 'message count', 'msgs'],
  username: ['username', 'user', 'name', 'player'],
} as const;

/** Most rows one import takes (a member per row). */
export const MAX_IMPORT_ROWS = 50_000;

/** Splits one CSV line (RFC 4180 quotes, `""` inside quotes). */
function cells(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',' || ch === ';' || ch === '\t') {
      out.push(cur.trim());
      cur = '';
    }
    else cur += ch;
  }
  out.push(cur.trim());
  return out;
}

const whole = (s: string | undefined) => (s !== undefined && /^\d{1,12}$/.test(s.replaceAll(/[ _]/g, '')) ? Number(s.replaceAll(/[ _]/g, '')) : null);

/**
 * Reads a leaderboard export such as MEE6's (`Rank, Username, User ID, Level, XP, Messages`):
 * a header row naming the columns (any order; `user id` and `xp` or `level` required), then a
 * member per line. A line with a bad id, a bad number or a member already listed is refused
 * with its line number; the others are kept. XP missing but level given: the level's floor on
 * this server's curve.
 */
export function parseXpCsv(text: string, curve: Pick<LevelingConfig, 'curveA' | 'curveB' | 'curveC'>): { rows: CsvXpRow[]; errors: CsvLineError[] } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const headerAt = lines.findIndex((l) => l.trim() !== '');
  if (headerAt < 0) return { rows: [], errors: [{ line: 1, message: 'The file is empty' }] };
  const header = cells(lines[headerAt]!).map((h) => h.toLowerCase().replaceAll(/\s+/g, ' '));
  const col = (names: readonly string[]) => header.findIndex((h) => names.includes(h));
  const at = { userId: col(COLUMNS.userId), xp: col(COLUMNS.xp), level: col(COLUMNS.level), messages: col(COLUMNS.messages), username: col(COLUMNS.username) };
  if (at.userId < 0 || (at.xp < 0 && at.level < 0)) {
    return { rows: [], errors: [{ line: headerAt + 1, message: 'The first line must name the columns: a user id column (“User ID”) and “XP” or “Level” (also read: “Messages”, “Username”)' }] };
  }
  const rows: CsvXpRow[] = [];
  const errors: CsvLineError[] = [];
  const seen = new Map<string, number>();
  for (let i = headerAt + 1; i < lines.length; i++) {
    if (lines[i]!.trim() === '') continue;
    const line = i + 1;
    if (rows.length >= MAX_IMPORT_ROWS) {
      errors.push({ line, message: `At most ${MAX_IMPORT_ROWS.toLocaleString('en-US')} members per import` });
      break;
    }
    const c = cells(lines[i]!);
    const userId = c[at.userId] ?? '';
    if (!SNOWFLAKE_PATTERN.test(userId)) {
      errors.push({ line, message: `“${userId.slice(0, 30)}” is not a Discord user id (17–20 digits)` });
      continue;
    }
    if (seen.has(userId)) {
      errors.push({ line, message: `User ${userId} is already on line ${seen.get(userId)}` });
      continue;
    }
    const xp = at.xp >= 0 ? whole(c[at.xp]) : null;
    const level = at.level >= 0 ? whole(c[at.level]) : null;
    if (at.xp >= 0 && xp === null) {
      errors.push({ line, message: `XP “${(c[at.xp] ?? '').slice(0, 20)}” is not a whole number ≥ 0` });
      continue;
    }
    if (xp === null && (level === null || level > 1000)) {
      errors.push({ line, message: `Level “${(c[at.level] ?? '').slice(0, 20)}” is not a whole number between 0 and 1000` });
      continue;
    }
    const messages = at.messages >= 0 && c[at.messages] ? whole(c[at.messages]) : undefined;
    if (messages === null) {
      errors.push({ line, message: `Messages “${(c[at.messages] ?? '').slice(0, 20)}” is not a whole number ≥ 0` });
      continue;
    }
    seen.set(userId, line);
    rows.push({ line, userId, username: at.username >= 0 ? (c[at.username] || null) : null, xp: xp ?? xpForLevel(curve, level!), ...(messages !== undefined && { messages }) });
  }
  return { rows, errors };
}
