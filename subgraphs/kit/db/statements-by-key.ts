import { sql, type Column, type SQL } from 'drizzle-orm';

/** The one condition a by-key statement has: `column IN (…the keys of the batch…)`, filled in per call. */
export function keysIn(column: Column | SQL): SQL {
  return sql`${column} in (${sql.placeholder('keys')})`;
}

interface Preparable {
  prepare(): { execute(placeholders: { keys: unknown[] }): Promise<unknown> };
}

type Executed<Q> = Q extends { prepare(): { execute(placeholders: any): Promise<infer R> } } ? R : never;

/** A prepared look-up: the rows for a batch of keys, in one statement. */
export type StatementByKeys<Q, K = string> = (keys: readonly K[]) => Promise<Executed<Q>>;

export type StatementsByKeys<T, K = string> = { [Name in keyof T]: StatementByKeys<T[Name], K> };

/**
 * A department's look-up statements, each built by drizzle once per database and then only filled in
 * with the keys of each batch. Building a statement (drizzle's query builder, `getSQL`, `sqlToQuery`)
 * cost about 57 µs every time, a tenth of a department's CPU on a profile (docs/performance.md); the
 * text sent is the same as before (mysql2 expands the key list into `IN ('…', '…')` on the client), so
 * nothing changes for the database, and no server-side prepared statement is left behind per list length.
 *
 * `build` names each statement, written with `keysIn(column)` as its condition. Only the statement
 * templates are shared: every request still makes its own DataLoaders, so no row is ever shared.
 */
export function statementsByKeys<Db extends object, T extends Record<string, Preparable>, K = string>(build: (db: Db) => T): (db: Db) => StatementsByKeys<T, K> {
  const perDatabase = new WeakMap<Db, StatementsByKeys<T, K>>();
  return (db) => {
    let statements = perDatabase.get(db);
    if (!statements) {
      const entries = Object.entries(build(db)).map(([name, query]) => {
        const prepared = query.prepare();
        const run = (keys: readonly K[]) => (keys.length === 0 ? Promise.resolve([]) : prepared.execute({ keys: [...keys] }));
        return [name, run];
      });
      statements = Object.fromEntries(entries) as StatementsByKeys<T, K>;
      perDatabase.set(db, statements);
    }
    return statements;
  };
}
