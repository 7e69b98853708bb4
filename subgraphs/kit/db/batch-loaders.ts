import DataLoader from 'dataloader';
import { observeLoaderBatch } from '../runtime/metrics.ts';
import { currentRequestScope } from '../runtime/request-scope.ts';

/**
 * Bounds one statement's IN list. A federation fetch carries at most a page of entities (100), so in
 * practice every batch is a single statement; the bound only protects the database from a huge list.
 */
export const MAX_BATCH_SIZE = 1000;

/** Counts each batch's keys in `credit_dataloader_batch_size`, under the department serving the request. */
function observed<K, R>(fetch: (keys: readonly K[]) => Promise<R[]>): (keys: readonly K[]) => Promise<R[]> {
  return (keys) => {
    observeLoaderBatch(currentRequestScope()?.service ?? 'unknown', keys.length);
    return fetch(keys);
  };
}

/** A per-request loader of all rows for each key: one statement per batch, `[]` for keys without rows. */
export function createRowsLoader<K, R>(fetch: (keys: readonly K[]) => Promise<R[]>, keyOf: (row: R) => K): DataLoader<K, R[]> {
  return new DataLoader(async (keys) => groupByKey(keys, await observed(fetch)(keys), keyOf), { maxBatchSize: MAX_BATCH_SIZE });
}

/** A per-request loader of at most one row per key: one statement per batch, `null` for unknown keys. */
export function createRowLoader<K, R>(fetch: (keys: readonly K[]) => Promise<R[]>, keyOf: (row: R) => K): DataLoader<K, R | null> {
  return new DataLoader(async (keys) => alignByKey(keys, await observed(fetch)(keys), keyOf), { maxBatchSize: MAX_BATCH_SIZE });
}

/**
 * DataLoader needs one result per key, in key order. Every batch function in every subgraph goes
 * through these two helpers so none of them gets the reordering subtly wrong.
 */

/** For one-to-many lookups: all rows per key, `[]` where a key has none. */
export function groupByKey<K, R>(keys: readonly K[], rows: readonly R[], keyOf: (row: R) => K): R[][] {
  const groups = new Map<K, R[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return keys.map((key) => groups.get(key) ?? []);
}

/** For one-to-one lookups: the row per key, `null` where a key has none. */
export function alignByKey<K, R>(keys: readonly K[], rows: readonly R[], keyOf: (row: R) => K): (R | null)[] {
  const byKey = new Map<K, R>();
  for (const row of rows) byKey.set(keyOf(row), row);
  return keys.map((key) => byKey.get(key) ?? null);
}
