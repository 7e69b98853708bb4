import { desc, inArray } from 'drizzle-orm';
import DataLoader from 'dataloader';
import { createRowsLoader, groupByKey, MAX_BATCH_SIZE } from '../../kit/db/batch-loaders.ts';
import { authorisations, type PlatformDb } from '../db/tables.ts';
import { accessLogPages, type AccessLogRow, type LogPosition } from './access-log.ts';

/** Each entity's authorisations (newest first) and access-log pages; made per request. */
export function createAuthorisationLoaders(db: PlatformDb) {
  const logPages = new Map<string, DataLoader<string, AccessLogRow[]>>();
  return {
    authorisationsByUscc: createRowsLoader(
      (usccs: readonly string[]) =>
        db.select().from(authorisations).where(inArray(authorisations.uscc, [...usccs])).orderBy(desc(authorisations.grantedAt), desc(authorisations.id)),
      (row) => row.uscc,
    ),
    /** The access-log page of each entity for one (page size, cursor): entities asking alike share a statement. */
    accessLogPage(limit: number, after?: LogPosition, leavingOut: readonly string[] = []): DataLoader<string, AccessLogRow[]> {
      const key = JSON.stringify([limit, after ?? null, leavingOut]);
      let loader = logPages.get(key);
      if (!loader) {
        loader = new DataLoader(
          async (usccs: readonly string[]) => groupByKey(usccs, await accessLogPages(db, usccs, limit, after, leavingOut), (row) => row.uscc),
          { maxBatchSize: MAX_BATCH_SIZE },
        );
        logPages.set(key, loader);
      }
      return loader;
    },
  };
}

export type AuthorisationLoaders = ReturnType<typeof createAuthorisationLoaders>;
