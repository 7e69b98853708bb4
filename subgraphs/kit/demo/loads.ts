import { eq } from 'drizzle-orm';
import type { MySql2Database } from 'drizzle-orm/mysql2';
import { int, mysqlTable, varchar, type MySqlTable } from 'drizzle-orm/mysql-core';
import type { Pool } from 'mysql2/promise';
import { bulkInsert } from '../db/bulk-insert.ts';
import { demoSubject, type DemoSubject } from './index.ts';
import type { Logger } from '../runtime/logger.ts';

/**
 * Which demo data set a subgraph's database holds. Every subgraph's tables.ts includes this table, so
 * `npm start` loads its demo data once and a restart finds it already there.
 */
export const demoLoads = mysqlTable('demo_loads', {
  seed: varchar('seed', { length: 64 }).primaryKey(),
  entities: int('entities', { unsigned: true }).notNull(),
  loadedAt: varchar('loaded_at', { length: 30 }).notNull(),
});

/** The rows one subject contributes, per table; a subgraph's generator returns a list of these, each made by `rowsFor`. */
export type DemoRows = [MySqlTable, Record<string, unknown>[]][];

/** One table's demo rows, typed by the table's own `$inferInsert`: a misspelt or missing column does not compile. */
export function rowsFor<T extends MySqlTable>(table: T, rows: T['$inferInsert'][]): DemoRows[number] {
  return [table, rows as Record<string, unknown>[]];
}

export interface DemoLoadOptions {
  db: MySql2Database<any>;
  entities: number;
  seed: string;
  subgraph: string;
  /** Records for one demo subject; must be deterministic in (subject, seed). */
  generate(subject: DemoSubject, seed: string): DemoRows;
  logger?: Logger;
  /**
   * Screens the free text of a table's rows before they are loaded (kit/collection/screen-at-door.ts,
   * demoDoorOf): what it finds is counted and logged; the rows are loaded as they are, redacted in
   * every view but government's.
   */
  screen?(table: MySqlTable, rows: readonly Record<string, unknown>[]): readonly { field: string }[];
}

/** Subjects per round: generation of the next round overlaps the inserts of this one. */
const SUBJECTS_PER_ROUND = 5000;

/**
 * Loads demo records for subjects 0..entities-1 unless a load of at least that size with this seed is
 * recorded. Generation runs in this process while MySQL inserts the previous round.
 */
export async function loadDemoRecords({ db, entities, seed, subgraph, generate, logger, screen }: DemoLoadOptions): Promise<boolean> {
  const [done] = await db.select().from(demoLoads).where(eq(demoLoads.seed, seed));
  if (done && done.entities >= entities) return false;

  const pool = (db as unknown as { $client: Pool }).$client;
  const started = Date.now();
  const screened = new Map<string, number>();
  let pending: Promise<unknown> = Promise.resolve();
  for (let from = 0; from < entities; from += SUBJECTS_PER_ROUND) {
    const byTable = new Map<MySqlTable, Record<string, unknown>[]>();
    for (let index = from; index < Math.min(entities, from + SUBJECTS_PER_ROUND); index += 1) {
      for (const [table, rows] of generate(demoSubject(index, seed), seed)) {
        const list = byTable.get(table);
        if (list) list.push(...rows);
        else byTable.set(table, [...rows]);
      }
    }
    if (screen) for (const [table, rows] of byTable) for (const { field } of screen(table, rows)) screened.set(field, (screened.get(field) ?? 0) + 1);
    await pending;
    pending = Promise.all([...byTable].map(([table, rows]) => bulkInsert(pool, table, rows)));
    if (from > 0 && from % 100_000 === 0) logger?.info({ subgraph, subjects: from }, 'loading demo data');
  }
  await pending;
  await db
    .insert(demoLoads)
    .values({ seed, entities, loadedAt: new Date().toISOString() })
    .onDuplicateKeyUpdate({ set: { entities, loadedAt: new Date().toISOString() } });
  if (screened.size) logger?.warn({ subgraph, fields: Object.fromEntries(screened) }, 'demo free text carries personal identifiers: loaded for government, redacted in every other view');
  logger?.info({ subgraph, entities, seconds: (Date.now() - started) / 1000, screened: Object.fromEntries(screened) }, 'demo data loaded');
  return true;
}
