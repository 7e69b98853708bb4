import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { countedQuery, countedWrite, inBatchedTransaction } from '../../subgraphs/kit/db/counted-sql.ts';
import { openDatabase } from '../../subgraphs/kit/db/database.ts';
import { runInRequestScope } from '../../subgraphs/kit/runtime/request-scope.ts';
import { subgraphNamed } from '../../subgraphs/registry.ts';

// A batch of collected records is one transaction sent in few round trips: writes wait to travel
// with the next read or the COMMIT. Still one transaction: a failure anywhere leaves nothing written.

const database = openDatabase(subgraphNamed('market').tables, { url: inject('databaseUrls').market, poolSize: 2 });
afterAll(() => database.close());

const AUDIT = `INSERT INTO collection_batches (batch_id, record_type, operation, channel, submitted_by, request_id, submitted_at, received, accepted, updated, unchanged, rejected, withdrawn, late, rejected_by_rule)
  VALUES (?, 'PENALTY', 'SUBMIT', 'API', 'MARKET', NULL, '2026-12-01 00:00:00.000', 1, 1, 0, 0, 0, 0, 0, '{}')`;
const stored = async (batchId: string) => ((await database.pool.query('SELECT batch_id FROM collection_batches WHERE batch_id = ?', [batchId]))[0] as unknown[]).length;

describe('a batched transaction', () => {
  it('reads its own held-back writes, commits them all, and counts each statement once', async () => {
    const [first, second] = [randomUUID(), randomUUID()];
    const scope = { requestId: `batched-${first}`, sqlStatements: 0 };
    const seen = await runInRequestScope(scope, () =>
      inBatchedTransaction(database.pool, async (connection) => {
        await countedWrite(connection, AUDIT, [first]);
        const rows = await countedQuery<unknown[]>(connection, 'SELECT batch_id FROM collection_batches WHERE batch_id = ?', [first]);
        await countedWrite(connection, AUDIT, [second]);
        return rows.length;
      }),
    );
    expect(seen).toBe(1);
    expect(scope.sqlStatements).toBe(3);
    expect([await stored(first), await stored(second)]).toEqual([1, 1]);
  });

  it('writes nothing when a statement sent with the COMMIT fails', async () => {
    const [first, second] = [randomUUID(), randomUUID()];
    const failing = inBatchedTransaction(database.pool, async (connection) => {
      await countedWrite(connection, AUDIT, [first]);
      await countedQuery(connection, 'SELECT 1');
      await countedWrite(connection, AUDIT, [second]);
      await countedWrite(connection, AUDIT, [second]); // the same primary key again
    });
    await expect(failing).rejects.toThrow(/Duplicate entry/);
    expect([await stored(first), await stored(second)]).toEqual([0, 0]);
  });
});
