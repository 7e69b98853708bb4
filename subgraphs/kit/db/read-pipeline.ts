import type { Pool, QueryOptions } from 'mysql2/promise';

type Result = [unknown, unknown];

interface Waiting {
  options: QueryOptions;
  resolve(result: Result): void;
  reject(error: unknown): void;
}

/** @default how many reads go in one round trip at most. */
const MAX_STATEMENTS_PER_TRIP = 16;

/** drizzle's row-reading selects (arrays of values per row); inserts, updates and raw statements go as they are. */
const isRead = (options: unknown): options is QueryOptions =>
  typeof options === 'object' && options !== null && (options as QueryOptions).rowsAsArray === true && /^select /i.test((options as QueryOptions).sql);

/**
 * The pool as drizzle sees it, with the reads issued in one turn of the event loop sent together in one
 * round trip (`SELECT …; SELECT …`), each caller still receiving its own rows. A profile's loaders
 * dispatch their batches together (market's entity, then its licences, penalties, listings, reports
 * and record statuses at once), and each statement was one socket write and one read on its own
 * connection: on this machine a loopback write is the biggest single cost of a department's request
 * (docs/performance.md). The statements and their number are unchanged (each is still counted); only
 * how they travel changes.
 *
 * Every statement here is drizzle's, its values escaped by mysql2 on the client exactly as before (the
 * text protocol always did that), which is what makes `multipleStatements` safe to turn on for this pool.
 * If one statement of a trip fails, the server stops there, so every caller of that trip gets the error.
 */
export function pipelineReads(pool: Pool, maxStatements = MAX_STATEMENTS_PER_TRIP): Pool {
  let waiting: Waiting[] = [];
  const send = (trip: Waiting[]) => {
    if (trip.length === 1) {
      pool.query(trip[0].options).then((result) => trip[0].resolve(result as Result), trip[0].reject);
      return;
    }
    const sql = trip.map((w) => w.options.sql).join(';\n');
    pool.query({ sql, rowsAsArray: true, typeCast: trip[0].options.typeCast }).then(
      ([results, fields]) => trip.forEach((w, i) => w.resolve([(results as unknown[])[i], (fields as unknown as unknown[])[i]])),
      (error) => trip.forEach((w) => w.reject(error)),
    );
  };
  const flush = () => {
    const batch = waiting;
    waiting = [];
    for (let i = 0; i < batch.length; i += maxStatements) send(batch.slice(i, i + maxStatements));
  };
  const query = (options: unknown, values?: unknown) => {
    if (!isRead(options)) return (pool.query as (o: unknown, v?: unknown) => Promise<unknown>)(options, values);
    const sql = pool.format(options.sql, (values ?? options.values) as never);
    return new Promise<Result>((resolve, reject) => {
      // After the loaders of this turn have all dispatched: setImmediate runs once the current I/O is handled.
      if (waiting.length === 0) setImmediate(flush);
      waiting.push({ options: { ...options, sql, values: undefined }, resolve, reject });
    });
  };
  return new Proxy(pool, {
    get(target, property) {
      if (property === 'query') return query;
      const value = Reflect.get(target, property);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
