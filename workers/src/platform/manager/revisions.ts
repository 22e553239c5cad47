import { configRevisions } from '@edge/drizzle/schema';
import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import type { Db } from '../../lib/db';
import { diffJson, type DiffEntry } from './diff';
import { ModuleError } from './ModuleError';

/** A config revision with the diff between its before and after. */
export interface Revision {
  id: number;
  guildId: string;
  moduleId: string;
  actorId: string | null;
  reason: string | null;
  before: unknown;
  after: unknown;
  diff: DiffEntry[];
  createdAt: string;
}

type Row = typeof configRevisions.$inferSelect;

function toRevision(r: Row): Revision {
  return {
    id: r.id, guildId: r.guildId, moduleId: r.moduleId, actorId: r.actorId, reason: r.reason,
    before: r.before, after: r.after, diff: diffJson(r.before ?? null, r.after), createdAt: r.createdAt.toISOString(),
  };
}

/** A guild's revisions, newest first; `before` (a revision id) pages backwards. */
export async function listRevisions(db: Db, guildId: string, opts: { moduleId?: string; limit?: number; before?: number } = {}): Promise<Revision[]> {
  const where: SQL[] = [eq(configRevisions.guildId, guildId)];
  if (opts.moduleId) where.push(eq(configRevisions.moduleId, opts.moduleId));
  if (opts.before) where.push(lt(configRevisions.id, opts.before));
  const limit = Math.min(Math.max(opts.limit ?? 20, 1), 100);
  const rows = await db.select().from(configRevisions).where(and(...where)).orderBy(desc(configRevisions.id)).limit(limit);
  return rows.map(toRevision);
}

/** One revision of a guild; throws `RevisionNotFound` (404) when it is not that guild's. */
export async function getRevision(db: Db, guildId: string, id: number): Promise<Revision> {
  const [row] = await db.select().from(configRevisions).where(and(eq(configRevisions.guildId, guildId), eq(configRevisions.id, id))).limit(1);
  if (!row) throw new ModuleError('RevisionNotFound', `No revision ${id} in this guild`, { revisionId: id });
  return toRevision(row);
}
