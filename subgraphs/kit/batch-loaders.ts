import DataLoader from 'dataloader';
import { alignByKey, groupByKey } from './align-by-key.ts';

/**
 * Bounds one statement's IN list. A federation fetch carries at most a page of entities (100), so in
 * practice every batch is a single statement; the bound only protects the database from a huge list.
 */
export const MAX_BATCH_SIZE = 1000;

/** A per-request loader of all rows for each key: one statement per batch, `[]` for keys without rows. */
export function createRowsLoader<K, R>(fetch: (keys: readonly K[]) => Promise<R[]>, keyOf: (row: R) => K): DataLoader<K, R[]> {
  return new DataLoader(async (keys) => groupByKey(keys, await fetch(keys), keyOf), { maxBatchSize: MAX_BATCH_SIZE });
}

/** A per-request loader of at most one row per key: one statement per batch, `null` for unknown keys. */
export function createRowLoader<K, R>(fetch: (keys: readonly K[]) => Promise<R[]>, keyOf: (row: R) => K): DataLoader<K, R | null> {
  return new DataLoader(async (keys) => alignByKey(keys, await fetch(keys), keyOf), { maxBatchSize: MAX_BATCH_SIZE });
}
