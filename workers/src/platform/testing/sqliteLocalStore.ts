import Database from 'better-sqlite3';
import type { LocalStore, LocalValue } from '../LocalStore';

/**
 * A {@link LocalStore} over an in-memory SQLite (better-sqlite3) for Node tests: the same
 * engine and SQL dialect as the Durable Object's storage. `close()` frees it.
 */
export function sqliteLocalStore(): LocalStore & { close(): void; statements: number; rowsWritten: number } {
  const db = new Database(':memory:');
  const store = {
    statements: 0,
    /** Rows inserted, updated or deleted (SQLite's `changes`; what the DO bills as rows written, indexes aside). */
    rowsWritten: 0,
    query<T>(sql: string, ...bindings: LocalValue[]): T[] {
      store.statements++;
      const st = db.prepare(sql);
      if (st.reader) return st.all(...bindings) as T[];
      store.rowsWritten += st.run(...bindings).changes;
      return [];
    },
    transaction: <T>(fn: () => T): T => db.transaction(fn)(),
    close: () => db.close(),
  };
  return store;
}
