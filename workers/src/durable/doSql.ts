import type { SqlExec, SqlValue } from '../lib/sql/SqlExec';

/** {@link SqlExec} over a Durable Object's storage. */
export function doSql(storage: DurableObjectStorage): SqlExec {
  return {
    exec: <T>(query: string, ...bindings: SqlValue[]) => {
      const cursor = storage.sql.exec(query, ...bindings);
      // `toArray()` runs the statement to its end, so `rowsWritten` is final afterwards.
      const rows = cursor.toArray() as T[];
      return { toArray: () => rows, rowsWritten: cursor.rowsWritten };
    },
    transaction: (fn) => storage.transactionSync(fn),
  };
}
