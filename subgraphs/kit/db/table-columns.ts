import { getTableConfig, type MySqlTable } from 'drizzle-orm/mysql-core';

const cache = new WeakMap<MySqlTable, { name: string; sqlByKey: Map<string, string>; keyBySql: Map<string, string> }>();

/** A drizzle table's SQL name and its columns both ways (TypeScript property ↔ SQL name), for raw multi-row SQL. */
export function tableColumns(table: MySqlTable) {
  let found = cache.get(table);
  if (!found) {
    const config = getTableConfig(table);
    const sqlByKey = new Map<string, string>();
    for (const [key, column] of Object.entries(table as unknown as Record<string, { name?: unknown }>)) {
      if (column && typeof column === 'object' && typeof column.name === 'string' && config.columns.includes(column as never)) sqlByKey.set(key, column.name);
    }
    found = { name: config.name, sqlByKey, keyBySql: new Map([...sqlByKey].map(([k, s]) => [s, k])) };
    cache.set(table, found);
  }
  return found;
}

/** A row as SQL returned it, keyed by the TypeScript property names instead. */
export function rowByKey(table: MySqlTable, row: Record<string, unknown>): Record<string, unknown> {
  const { keyBySql } = tableColumns(table);
  const out: Record<string, unknown> = {};
  for (const [sql, value] of Object.entries(row)) out[keyBySql.get(sql) ?? sql] = value;
  return out;
}
