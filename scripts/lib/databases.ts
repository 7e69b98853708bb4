import { envName, readMysqlUrl } from '../../subgraphs/kit/runtime/config.ts';
import { openDatabase } from '../../subgraphs/kit/db/database.ts';
import { migrateUnderLock } from '../../subgraphs/kit/db/migrations.ts';
import type { Logger } from '../../subgraphs/kit/runtime/logger.ts';
import type { SubgraphDefinition } from '../../subgraphs/kit/subgraph/subgraph.ts';
import { createDatabase, dropDatabase, ensureLocalMysql, type LocalMysql } from './local-mysql.ts';

export interface SubgraphDatabases {
  /** Database URL per subgraph name. */
  urls: Record<string, string>;
  /** The project-local server, when any subgraph had no `<NAME>_DATABASE_URL`. */
  local?: LocalMysql;
  /** Databases this call created on the local server (tests drop them afterwards). */
  created: string[];
}

/**
 * One database per subgraph: `<NAME>_DATABASE_URL` where set, otherwise `<prefix>_<name>` on the
 * project-local server, which is started (or reused) only if some subgraph needs it.
 */
export async function prepareDatabases(
  subgraphs: readonly SubgraphDefinition[],
  { prefix, useEnvironment = true }: { prefix: string; useEnvironment?: boolean },
): Promise<SubgraphDatabases> {
  const urls: Record<string, string> = {};
  const created: string[] = [];
  let local: LocalMysql | undefined;
  for (const subgraph of subgraphs) {
    const configured = useEnvironment ? readMysqlUrl(envName(subgraph.name, 'DATABASE_URL')) : undefined;
    if (configured) {
      urls[subgraph.name] = configured;
      continue;
    }
    local ??= await ensureLocalMysql();
    const name = `${prefix}_${subgraph.name}`;
    urls[subgraph.name] = await createDatabase(local.url, name);
    created.push(name);
  }
  return { urls, local, created };
}

export async function dropCreatedDatabases(databases: SubgraphDatabases): Promise<void> {
  if (!databases.local) return;
  for (const name of databases.created) await dropDatabase(databases.local.url, name);
}

/** Migrates a subgraph's database and loads its demo data unless already loaded. */
export async function prepareSubgraphData(
  subgraph: SubgraphDefinition,
  url: string,
  { entities, seed, logger }: { entities: number; seed: string; logger?: Logger },
): Promise<boolean> {
  await migrateUnderLock(url, subgraph.migrationsFolder);
  const database = openDatabase(subgraph.tables, { url, poolSize: 4 });
  try {
    return subgraph.loadDemoData ? await subgraph.loadDemoData(database.db, { entities, seed, logger }) : false;
  } finally {
    await database.close();
  }
}
