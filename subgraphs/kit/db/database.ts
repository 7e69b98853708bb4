import { drizzle, type MySql2Database } from 'drizzle-orm/mysql2';
import mysql from 'mysql2/promise';
import { GraphQLError } from 'graphql';
import { currentRequestScope } from '../runtime/request-scope.ts';
import { pipelineReads } from './read-pipeline.ts';
import { observePool } from './observed-pool.ts';
import { countSqlStatement } from '../runtime/metrics.ts';

export interface DatabaseOptions {
  url: string;
  /** @default 10 */
  poolSize?: number;
  /** Whose database it is: labels its statements in /metrics and traces. @default none (not observed) */
  department?: string;
}

export interface Database<TSchema extends Record<string, unknown>> {
  db: MySql2Database<TSchema>;
  pool: mysql.Pool;
  close(): Promise<void>;
}

/**
 * drizzle over a mysql2 pool. Every statement drizzle sends is counted against the current request
 * (see request-scope.ts): that count is how the tests and the benchmark prove batching.
 */
export function openDatabase<TSchema extends Record<string, unknown>>(
  schema: TSchema,
  { url, poolSize = 10, department }: DatabaseOptions,
): Database<TSchema> {
  const pool = mysql.createPool({
    uri: url,
    connectionLimit: poolSize,
    // DATE columns stay 'YYYY-MM-DD' strings: a date of decision has no time zone to shift it by.
    dateStrings: true,
    timezone: 'Z',
    supportBigNumbers: true,
    enableKeepAlive: true,
    // mysql2 otherwise captures a stack trace on every query, to point errors at the caller: 15-20 %
    // of a subgraph's CPU on a profile (docs/performance.md). Errors are logged with the request id.
    trace: false,
    // Only for the reads pipelineReads sends together: every statement is built by drizzle, its values
    // escaped by mysql2, so no text from a request is ever a statement of its own.
    multipleStatements: true,
    queryFormat: sendAsWritten,
  });
  // Observed below the pipeline: what is timed is each round trip to the server.
  if (department) observePool(pool, department);
  const db = drizzle(pipelineReads(pool), {
    schema,
    mode: 'default',
    logger: {
      logQuery() {
        const scope = currentRequestScope();
        // The gateway gave up on this request (timeout, a limit, its client gone): stop reading for it.
        if (scope?.abandoned?.aborted) throw requestAbandoned();
        if (scope) scope.sqlStatements += 1;
        if (department) countSqlStatement(department);
      },
    },
  });
  return { db, pool, close: () => pool.end() };
}

/**
 * mysql2's own formatting, except that a statement given no values is sent as written: mysql2 would
 * otherwise scan all of it for placeholders it has nothing to put in, which for a multi-row insert
 * already escaped (bulk-upsert.ts, 2 MB for 5,000 rows) costs more than building it.
 */
function sendAsWritten(sql: string, values: unknown): string {
  if (values === undefined || values === null || (Array.isArray(values) && values.length === 0)) return sql;
  return mysql.format(sql, values as never, false, 'Z');
}

function requestAbandoned(): GraphQLError {
  return new GraphQLError('The request was abandoned by its client; no further statement runs for it', { extensions: { code: 'REQUEST_ABANDONED' } });
}
