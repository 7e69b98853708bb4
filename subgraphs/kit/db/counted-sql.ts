import type { Pool, PoolConnection } from 'mysql2/promise';
import { currentRequestScope } from '../runtime/request-scope.ts';

/**
 * A statement sent over the raw pool (multi-row writes drizzle cannot express), counted against the
 * current request like drizzle's own, so /stats and the tests see every statement a request ran.
 */
export async function countedQuery<T = unknown>(connection: Pool | PoolConnection, sql: string, values?: unknown[]): Promise<T> {
  const scope = currentRequestScope();
  if (scope) scope.sqlStatements += 1;
  const [rows] = await connection.query(sql, values);
  return rows as T;
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
