import DataLoader from 'dataloader';
import { drizzle } from 'drizzle-orm/mysql2';
import mysql from 'mysql2/promise';
import type { SubgraphDefinition } from '../../subgraphs/kit/subgraph/subgraph.ts';

/** One table access of one loader statement, as EXPLAIN reports it. */
export interface ExplainedAccess {
  subgraph: string;
  loader: string;
  table: string;
  /** MySQL's access type: const/eq_ref/ref/range are index look-ups; ALL and index are scans. */
  type: string;
  key: string | null;
  /** The optimizer's estimate of rows examined (it does not count a LIMIT's early stop). */
  rows: number;
  /** Rows actually read, where the server can say (MariaDB's ANALYZE). */
  actualRows: number | null;
  extra: string;
  indexBound: boolean;
}

const SCANS = new Set(['ALL', 'index']);
/** A scan of a table this small is of reference data (a catalogue), whose size does not grow with entities. */
const SMALL_TABLE = 1000;

/**
 * Runs every loader each subgraph's createLoaders makes (and market's name search) once, for a few
 * entities, captures the statements drizzle sends, and EXPLAINs each on this data set: whether each
 * statement is answered from an index, whatever the table's size.
 */
export async function explainLoaders(
  subgraphs: readonly SubgraphDefinition[],
  databaseUrls: Record<string, string>,
  usccs: readonly string[],
  namePrefix: string,
): Promise<ExplainedAccess[]> {
  const found: ExplainedAccess[] = [];
  const probe = await mysql.createConnection(databaseUrls[subgraphs[0].name]);
  const [[{ version }]] = (await probe.query('SELECT VERSION() AS version')) as unknown as [{ version: string }[]];
  await probe.end();
  // MariaDB's ANALYZE runs the statement and reports the rows it really read; MySQL's EXPLAIN estimates.
  const explain = /mariadb/i.test(version) ? 'ANALYZE' : 'EXPLAIN';
  for (const definition of subgraphs) {
    const pool = mysql.createPool({ uri: databaseUrls[definition.name], connectionLimit: 2, dateStrings: true, timezone: 'Z', supportBigNumbers: true });
    try {
      let current = '(creating the loaders)';
      const statements: { loader: string; sql: string; params: unknown[] }[] = [];
      const db = drizzle(pool, { schema: definition.tables, mode: 'default', logger: { logQuery: (sql, params) => statements.push({ loader: current, sql, params }) } });
      const loaders = definition.createLoaders(db) as Record<string, unknown>;
      await new Promise((resolve) => setTimeout(resolve, 50));
      for (const [name, value] of Object.entries(loaders)) {
        current = name;
        const made = value instanceof DataLoader ? value : typeof value === 'function' ? (value as (limit: number) => unknown)(20) : undefined;
        // A function that is not a loader factory (the platform's evaluation scheme, read once per
        // request) may start a read of reference data this data set does not have until a platform
        // has started on it: not a loader to explain, and its failure is not this run's.
        if (made instanceof Promise) made.catch(() => undefined);
        const loader = made;
        if (!(loader instanceof DataLoader)) continue;
        // A legacy-identifier loader is keyed by `KIND:value`; every other one by the entity's code.
        const keys = /legacy.*id$/i.test(name) && !/byuscc/i.test(name) ? usccs.map((u) => `ORGANISATION_CODE:${u.slice(8, 17)}`) : usccs;
        await Promise.allSettled(keys.map((key) => loader.load(key)));
      }
      if (definition.name === 'market') {
        current = 'searchEntities';
        const { searchEntities } = await import('../../subgraphs/market/loaders.ts');
        await searchEntities(db as never, { namePrefix, limit: 21 });
      }
      for (const { loader, sql, params } of statements) {
        const [plan] = (await pool.query(`${explain} ${mysql.format(sql, params as never)}`)) as unknown as [
          { table: string; type: string; key: string | null; rows: number; r_rows?: number | null; Extra: string | null }[],
        ];
        for (const access of plan) {
          const rows = Number(access.rows);
          // A derived table holds what an index range inside it found; a small table is reference data.
          const bounded = access.table.startsWith('<derived') || rows <= SMALL_TABLE;
          found.push({
            subgraph: definition.name,
            loader,
            table: access.table,
            type: access.type,
            key: access.key,
            rows,
            actualRows: access.r_rows === undefined || access.r_rows === null ? null : Number(access.r_rows),
            extra: access.Extra ?? '',
            indexBound: (!SCANS.has(access.type) && access.key !== null) || (SCANS.has(access.type) && bounded),
          });
        }
      }
    } finally {
      await pool.end();
    }
  }
  return found;
}
