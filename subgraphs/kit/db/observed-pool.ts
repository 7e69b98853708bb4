import { performance } from 'node:perf_hooks';
import { SpanKind } from '@opentelemetry/api';
import type { Pool } from 'mysql2/promise';
import { observeSqlRoundTrip } from '../runtime/metrics.ts';
import { inSpan } from '../runtime/tracing.ts';

type Statement = string | { sql?: string };

/**
 * Times every round trip through the pool (drizzle calls `query` and `execute`; reads pipelined
 * together are one) for `credit_sql_round_trip_duration_seconds`, and traces it as a client span. The span keeps the SQL text,
 * which carries `?` placeholders, never the values.
 */
export function observePool(pool: Pool, department: string): Pool {
  for (const method of ['query', 'execute'] as const) {
    const send = (pool[method] as (...args: unknown[]) => Promise<unknown>).bind(pool);
    (pool as unknown as Record<string, unknown>)[method] = (statement: Statement, ...rest: unknown[]) =>
      inSpan(
        'sql',
        { 'db.system': 'mysql', 'db.namespace': department, 'db.query.text': (typeof statement === 'string' ? statement : (statement?.sql ?? '')).slice(0, 1000) },
        async () => {
          const started = performance.now();
          let outcome: 'ok' | 'error' = 'error';
          try {
            const result = await send(statement, ...rest);
            outcome = 'ok';
            return result;
          } finally {
            observeSqlRoundTrip(department, outcome, (performance.now() - started) / 1000);
          }
        },
        SpanKind.CLIENT,
      );
  }
  return pool;
}
