import type { Pool, PoolConnection } from 'mysql2/promise';
import { currentRequestScope } from '../runtime/request-scope.ts';

/**
 * Statements a batched transaction (inBatchedTransaction) holds back until its next read or its
 * COMMIT: writes whose answer nobody reads, and the START TRANSACTION itself.
 */
const heldBack = new WeakMap<Pool | PoolConnection, { statements: string[]; bytes: number }>();

/**
 * Bytes of statements held back at most before they are sent on their own: with the statement that
 * follows they stay well under max_allowed_packet (16 MiB on MariaDB), as bulk-upsert's do.
 */
const MAX_HELD_BACK_BYTES = 8 * 1024 * 1024;

function count(statements: number): void {
  const scope = currentRequestScope();
  if (scope) scope.sqlStatements += statements;
}

/** Sends statements as one round trip (the pool allows several per query); the last one's answer. */
async function sendTogether(connection: Pool | PoolConnection, statements: readonly string[]): Promise<unknown> {
  const [results] = await connection.query(statements.join(';\n'));
  return statements.length === 1 ? results : (results as unknown[])[statements.length - 1];
}

/**
 * A statement sent over the raw pool (multi-row writes drizzle cannot express), counted against the
 * current request like drizzle's own, so /stats and the tests see every statement a request ran. In a
 * batched transaction, whatever it held back travels in the same round trip.
 */
export async function countedQuery<T = unknown>(connection: Pool | PoolConnection, sql: string, values?: unknown[]): Promise<T> {
  count(1);
  const held = heldBack.get(connection);
  if (!held?.statements.length) {
    const [rows] = await connection.query(sql, values);
    return rows as T;
  }
  const statements = [...held.statements, values ? connection.format(sql, values) : sql];
  held.statements = [];
  held.bytes = 0;
  return (await sendTogether(connection, statements)) as T;
}

/**
 * A write whose answer is not read (an insert of revisions, of held records, of the audit row): in a
 * batched transaction it waits to travel with the next statement or the COMMIT, one round trip fewer;
 * a failure then fails that round trip, and so the whole transaction, as it would have at once.
 * Elsewhere it is sent at once.
 */
export async function countedWrite(connection: Pool | PoolConnection, sql: string, values?: unknown[]): Promise<void> {
  const held = heldBack.get(connection);
  if (!held) {
    await countedQuery(connection, sql, values);
    return;
  }
  count(1);
  const text = values ? connection.format(sql, values) : sql;
  const bytes = Buffer.byteLength(text);
  if (held.bytes && held.bytes + bytes > MAX_HELD_BACK_BYTES) {
    await sendTogether(connection, held.statements);
    held.statements = [];
    held.bytes = 0;
  }
  held.statements.push(text);
  held.bytes += bytes;
}

/** Runs `work` in one transaction on one connection: committed if it resolves, rolled back if it throws. */
export async function inTransaction<T>(pool: Pool, work: (connection: PoolConnection) => Promise<T>): Promise<T> {
  const connection = await pool.getConnection();
  try {
    await connection.beginTransaction();
    const result = await work(connection);
    await connection.commit();
    return result;
  } catch (error) {
    await connection.rollback().catch(() => undefined);
    throw error;
  } finally {
    connection.release();
  }
}

/**
 * inTransaction in fewer round trips, for a batch of collected records: START TRANSACTION goes with
 * the first read, writes through countedWrite with the next read or the COMMIT. A batch's transaction
 * is then three round trips (open and read what is stored; upsert and read the new ids; revisions,
 * held records, audit and COMMIT) instead of seven: each round trip waits for the server and then for
 * this process's event loop, busy reading the next chunk of a file. Statements are counted as before.
 * `work` must send through countedQuery and countedWrite only (anything else would run outside the
 * transaction before it is opened).
 */
export async function inBatchedTransaction<T>(pool: Pool, work: (connection: PoolConnection) => Promise<T>): Promise<T> {
  const connection = await pool.getConnection();
  const held = { statements: ['START TRANSACTION'], bytes: 0 };
  heldBack.set(connection, held);
  try {
    const result = await work(connection);
    heldBack.delete(connection);
    await sendTogether(connection, [...held.statements, 'COMMIT']);
    return result;
  } catch (error) {
    heldBack.delete(connection);
    await connection.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    connection.release();
  }
}
