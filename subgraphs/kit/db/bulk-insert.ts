import { getTableConfig, type MySqlTable } from 'drizzle-orm/mysql-core';
import type { Pool } from 'mysql2/promise';

/** Rows per INSERT statement: large enough to amortise round trips, small enough for max_allowed_packet. */
export const ROWS_PER_STATEMENT = 2000;

/**
 * Inserts many rows with multi-row `INSERT IGNORE` statements over the raw pool: for demo loading
 * only, where IGNORE plus each table's unique source key makes a restarted load add nothing twice.
 * Never for collection (归集): IGNORE would silently drop a corrected resubmission; submissions go
 * through bulk-upsert.ts, which updates and keeps revisions (kit/collection/write-records.ts).
 */
export async function bulkInsert<T extends MySqlTable>(pool: Pool, table: T, rows: readonly T['$inferInsert'][]): Promise<void> {
  if (rows.length === 0) return;
  const config = getTableConfig(table);
  // Rows come in one shape, every column given (null, never undefined, for an empty one), so the
  // first row says which columns to write; the others, such as auto-increment ids, take defaults.
  const first = rows[0] as Record<string, unknown>;
  const columns = config.columns.filter((c) => first[keyOf(table, c.name)] !== undefined);
  const keys = columns.map((c) => keyOf(table, c.name));
  const sql = `INSERT IGNORE INTO \`${config.name}\` (${columns.map((c) => `\`${c.name}\``).join(', ')}) VALUES ?`;
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(start, start + ROWS_PER_STATEMENT);
    const values = chunk.map((row) => keys.map((key) => (row as Record<string, unknown>)[key] ?? null));
    await pool.query(sql, [values]);
  }
}

const keyCache = new WeakMap<MySqlTable, Map<string, string>>();

/** The TypeScript property name of a column, from its SQL name. */
function keyOf(table: MySqlTable, sqlName: string): string {
  let map = keyCache.get(table);
  if (!map) {
    map = new Map();
    for (const [key, column] of Object.entries(table as unknown as Record<string, { name?: string }>)) {
      if (column && typeof column === 'object' && typeof column.name === 'string') map.set(column.name, key);
    }
    keyCache.set(table, map);
  }
  return map.get(sqlName) ?? sqlName;
}
