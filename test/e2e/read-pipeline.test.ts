import { inArray } from 'drizzle-orm';
import { char, mysqlTable } from 'drizzle-orm/mysql-core';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { openDatabase } from '../../subgraphs/kit/db/database.ts';
import { annualReports, entities, penalties, marketTables } from '../../subgraphs/market/db/tables.ts';
import { demoSubjects } from '../support/demo.ts';

// The kit's database module against the suite's real market database: reads issued in one turn of the
// event loop travel in one round trip, and each caller still gets exactly its own rows.
describe('reads of one turn, in one round trip', () => {
  const database = openDatabase(marketTables, { url: inject('databaseUrls').market, poolSize: 4 });
  afterAll(() => database.close());
  const usccs = demoSubjects().slice(0, 5).map((s) => s.uscc);

  /** Connections taken from the pool while `run` runs: one per round trip. */
  async function tripsOf<T>(run: () => Promise<T>): Promise<{ result: T; trips: number }> {
    let trips = 0;
    const core = (database.pool as unknown as { pool: NodeJS.EventEmitter }).pool;
    const count = () => void (trips += 1);
    core.on('acquire', count);
    try {
      return { result: await run(), trips };
    } finally {
      core.off('acquire', count);
    }
  }

  it('sends three selects issued together as one trip, each answered with its own rows', async () => {
    const { db } = database;
    const { result, trips } = await tripsOf(() =>
      Promise.all([
        db.select().from(entities).where(inArray(entities.uscc, usccs)),
        db.select().from(penalties).where(inArray(penalties.uscc, usccs)),
        db.select().from(annualReports).where(inArray(annualReports.uscc, usccs)),
      ]),
    );
    expect(trips).toBe(1);
    const [entityRows, penaltyRows, reportRows] = result;
    expect(entityRows.map((r) => r.uscc).sort()).toEqual([...usccs].sort());
    expect(penaltyRows.every((r) => 'decisionNumber' in r && usccs.includes(r.uscc))).toBe(true);
    expect(reportRows.every((r) => 'year' in r && usccs.includes(r.uscc))).toBe(true);
    expect(reportRows.length).toBeGreaterThan(0);
    // The same reads one after the other: one trip each.
    const sequential = await tripsOf(async () => {
      await db.select().from(entities).where(inArray(entities.uscc, usccs));
      await db.select().from(penalties).where(inArray(penalties.uscc, usccs));
    });
    expect(sequential.trips).toBe(2);
  });

  it('fails every read of a trip in which one fails, and the pool goes on', async () => {
    const { db } = database;
    const missing = mysqlTable('no_such_table', { uscc: char('uscc', { length: 18 }) });
    const answers = await Promise.allSettled([
      db.select().from(entities).where(inArray(entities.uscc, usccs)),
      db.select().from(missing).where(inArray(missing.uscc, usccs)),
      db.select().from(penalties).where(inArray(penalties.uscc, usccs)),
    ]);
    expect(answers.map((a) => a.status)).toEqual(['rejected', 'rejected', 'rejected']);
    const after = await db.select().from(entities).where(inArray(entities.uscc, usccs));
    expect(after).toHaveLength(usccs.length);
  });
});
