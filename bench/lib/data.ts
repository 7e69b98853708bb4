import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../../subgraphs/kit/runtime/logger.ts';
import type { SubgraphDefinition } from '../../subgraphs/kit/subgraph/subgraph.ts';
import { dropDatabase } from '../../scripts/lib/local-mysql.ts';
import { prepareDatabases, prepareSubgraphData, type SubgraphDatabases } from '../../scripts/lib/databases.ts';

/** Where load timings are kept, beside the results: a data set loaded once still reports how long it took. */
export const DEFAULT_RESULTS_DIR = fileURLToPath(new URL('../results/', import.meta.url));

/** `10k`, `1m`, `100k`, `200`: what a size is called in database names and file names. */
export function sizeLabel(entities: number): string {
  if (entities >= 1_000_000 && entities % 1_000_000 === 0) return `${entities / 1_000_000}m`;
  if (entities >= 1_000 && entities % 1_000 === 0) return `${entities / 1_000}k`;
  return String(entities);
}

export interface LoadTiming {
  entities: number;
  seed: string;
  prefix: string;
  /** Wall time of loading every subgraph (in parallel, in one process), seconds. */
  seconds: number;
  /** Each subgraph's own time from start to its last insert, seconds (they overlap). */
  subgraphSeconds: Record<string, number>;
  /** Rows and on-disk size per subgraph after loading (information_schema, approximate). */
  tables?: Record<string, { rows: number; megabytes: number }>;
  loadedAt: string;
}

export interface BenchData {
  databases: SubgraphDatabases;
  /** How long this data set took to load: now, or when it was loaded (from the load file). */
  load: LoadTiming | null;
  /** True when this call loaded it. */
  loadedNow: boolean;
}

/**
 * The benchmark's own databases of one size (`<prefix>_<subgraph>`, e.g. bench_10k_market) on the
 * project-local server, never the `*_DATABASE_URL` ones: migrated, and loaded with `entities` demo
 * subjects once; a later run finds them loaded and reuses them. `reload` drops and loads afresh (after
 * a change to the tables or the demo generators).
 */
export async function prepareBenchData(
  subgraphs: readonly SubgraphDefinition[],
  { entities, seed, prefix, reload = false, resultsDir = DEFAULT_RESULTS_DIR, logger }: {
    entities: number;
    seed: string;
    prefix: string;
    reload?: boolean;
    resultsDir?: string;
    logger?: Logger;
  },
): Promise<BenchData> {
  let databases = await prepareDatabases(subgraphs, { prefix, useEnvironment: false });
  if (reload && databases.local) {
    for (const name of databases.created) await dropDatabase(databases.local.url, name);
    databases = await prepareDatabases(subgraphs, { prefix, useEnvironment: false });
  }
  const file = `${resultsDir}/load-${prefix}.json`;
  const started = Date.now();
  const subgraphSeconds: Record<string, number> = {};
  const loaded = await Promise.all(
    subgraphs.map(async (subgraph) => {
      const done = await prepareSubgraphData(subgraph, databases.urls[subgraph.name], { entities, seed, logger });
      subgraphSeconds[subgraph.name] = Number(((Date.now() - started) / 1000).toFixed(1));
      return done;
    }),
  );
  if (!loaded.some(Boolean)) {
    const previous = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as LoadTiming) : null;
    return { databases, load: previous?.entities === entities ? previous : null, loadedNow: false };
  }
  const load: LoadTiming = {
    entities,
    seed,
    prefix,
    seconds: Number(((Date.now() - started) / 1000).toFixed(1)),
    subgraphSeconds,
    tables: databases.local ? await tableSizes(databases.local.url, prefix) : undefined,
    loadedAt: new Date().toISOString(),
  };
  // Only a load of every subgraph from empty is a load timing worth keeping.
  if (loaded.every(Boolean)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(load, null, 2)}\n`);
  }
  return { databases, load, loadedNow: true };
}

async function tableSizes(serverUrl: string, prefix: string): Promise<Record<string, { rows: number; megabytes: number }>> {
  const mysql = (await import('mysql2/promise')).default;
  const connection = await mysql.createConnection(serverUrl);
  try {
    const [rows] = await connection.query(
      `SELECT table_schema AS db, SUM(table_rows) AS rows_, SUM(data_length + index_length) AS bytes
       FROM information_schema.tables WHERE table_schema LIKE ? GROUP BY table_schema`,
      [`${prefix.replace(/_/g, '\\_')}\\_%`],
    );
    return Object.fromEntries(
      (rows as { db: string; rows_: string; bytes: string }[]).map((r) => [
        r.db.slice(prefix.length + 1),
        { rows: Number(r.rows_), megabytes: Math.round(Number(r.bytes) / 1e6) },
      ]),
    );
  } finally {
    await connection.end();
  }
}
