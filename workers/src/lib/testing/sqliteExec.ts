import Database from 'better-sqlite3';
import type { SqlExec, SqlValue } from '../sql/SqlExec';

/** A {@link SqlExec} on an in-memory better-sqlite3 database (tests), and the database. */
export function sqliteExec(): SqlExec & { db: Database.Database } {
  const db = new Database(':memory:');
  return {
    db,
    exec: <T>(query: string, ...bindings: SqlValue[]) => {
      const stmt = db.prepare(query);
      if (stmt.reader) {
        const rows = stmt.all(...bindings) as T[];
        return { toArray: () => rows, rowsWritten: /^\s*(insert|update|delete)/i.test(query) ? rows.length : 0 };
      }
      const info = stmt.run(...bindings);
      return { toArray: () => [], rowsWritten: info.changes };
    },
    transaction: (fn) => db.transaction(fn)(),
  };
}
