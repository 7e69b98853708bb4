import type { MySqlTable } from 'drizzle-orm/mysql-core';
import mysql, { type Pool, type PoolConnection } from 'mysql2/promise';
import { countedWrite } from './counted-sql.ts';
import { tableColumns } from './table-columns.ts';

/**
 * Bytes of row data per statement: well under max_allowed_packet (16 MiB on MariaDB, 64 MiB on MySQL 8
 * by default), so a batch of ordinary records is one statement and one of long texts a few.
 */
export const MAX_STATEMENT_BYTES = 8 * 1024 * 1024;

export interface UpsertOptions {
  /** Properties written in every row (a row lacking one writes NULL). */
  keys: readonly string[];
  /** Properties left as stored when the row exists (its first publication day). @default none */
  keepExisting?: readonly string[];
  /** Properties that identify the row (its unique key); never updated. */
  identity: readonly string[];
}

/**
 * Multi-row `INSERT … ON DUPLICATE KEY UPDATE`: new rows are inserted and existing ones (by the table's
 * unique key) updated, a few thousand rows per statement. `VALUES(col)` is the form MySQL 8 and
 * MariaDB both accept. Unlike `INSERT IGNORE`, a corrected resubmission is written, not dropped.
 */
export async function bulkUpsert(connection: Pool | PoolConnection, table: MySqlTable, rows: readonly Record<string, unknown>[], options: UpsertOptions): Promise<number> {
  if (rows.length === 0) return 0;
  const { name, sqlByKey } = tableColumns(table);
  const sqlOf = (key: string) => {
    const sql = sqlByKey.get(key);
    if (!sql) throw new Error(`${name} has no column for ${key}`);
    return `\`${sql}\``;
  };
  const updates = options.keys
    .filter((k) => !options.identity.includes(k))
    .map((k) => (options.keepExisting?.includes(k) ? `${sqlOf(k)} = COALESCE(${sqlOf(k)}, VALUES(${sqlOf(k)}))` : `${sqlOf(k)} = VALUES(${sqlOf(k)})`));
  const head = `INSERT INTO \`${name}\` (${options.keys.map(sqlOf).join(', ')}) VALUES `;
  const tail = ` ON DUPLICATE KEY UPDATE ${updates.join(', ')}`;

  let statements = 0;
  let tuples: string[] = [];
  let bytes = 0;
  const flush = async () => {
    if (!tuples.length) return;
    await countedWrite(connection, head + tuples.join(',') + tail);
    statements += 1;
    tuples = [];
    bytes = 0;
  };
  const { keys } = options;
  for (const row of rows) {
    // Each value escaped as mysql.format would, without scanning a template for its placeholders.
    let tuple = '(';
    for (let i = 0; i < keys.length; i += 1) tuple += (i ? ',' : '') + mysql.escape((row[keys[i]] ?? null) as never);
    tuple += ')';
    if (bytes + tuple.length > MAX_STATEMENT_BYTES) await flush();
    tuples.push(tuple);
    bytes += tuple.length + 1;
  }
  await flush();
  return statements;
}
