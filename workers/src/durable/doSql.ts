import type { SqlExec, SqlValue } from '../lib/sql/SqlExec';
import { countUsage } from '../lib/usage';

/**
 * {@link SqlExec} over a Durable Object's storage (rows written and read are counted for the
 * free-tier meter, rows written also under `also` when given, to tell one object class's share).
 */
export function doSql(storage: DurableObjectStorage, also?: 'inboxRowsWritten'): SqlExec {
  return {
    exec: <T>(query: string, ...bindings: SqlValue[]) => {
      const cursor = storage.sql.exec(query, ...bindings);
      // `toArray()` runs the statement to its end, so `rowsWritten` is final afterwards.
      const rows = cursor.toArray() as T[];
      if (cursor.rowsRead > 0) countUsage('doRowsRead', cursor.rowsRead);
      if (cursor.rowsWritten > 0) {
        countUsage('doRowsWritten', cursor.rowsWritten);
        if (also) countUsage(also, cursor.rowsWritten);
      }
      return { toArray: () => rows, rowsWritten: cursor.rowsWritten };
    },
    transaction: (fn) => storage.transactionSync(fn),
  };
}
