import { desc, inArray } from 'drizzle-orm';
import type { MySql2Database } from 'drizzle-orm/mysql2';
import { createRowsLoader } from '../kit/db/batch-loaders.ts';
import { blacklistEntries, creditEvaluations, dischargePermits, environmentalPenalties, exceedances, type EnvironmentTables } from './db/tables.ts';

export type EnvironmentDb = MySql2Database<EnvironmentTables>;

/**
 * One DataLoader per record table, made per request: whatever a query selects, for however many
 * entities, each table is read by at most one statement (`WHERE uscc IN (…)`).
 */
export function createEnvironmentLoaders(db: EnvironmentDb) {
  return {
    creditEvaluationsByUscc: createRowsLoader(
      (usccs: readonly string[]) =>
        db.select().from(creditEvaluations).where(inArray(creditEvaluations.uscc, [...usccs])).orderBy(desc(creditEvaluations.year), desc(creditEvaluations.id)),
      (row) => row.uscc,
    ),
    penaltiesByUscc: createRowsLoader(
      (usccs: readonly string[]) =>
        db
          .select()
          .from(environmentalPenalties)
          .where(inArray(environmentalPenalties.uscc, [...usccs]))
          .orderBy(desc(environmentalPenalties.decidedOn), desc(environmentalPenalties.id)),
      (row) => row.uscc,
    ),
    dischargePermitsByUscc: createRowsLoader(
      (usccs: readonly string[]) =>
        db.select().from(dischargePermits).where(inArray(dischargePermits.uscc, [...usccs])).orderBy(desc(dischargePermits.issuedOn), desc(dischargePermits.id)),
      (row) => row.uscc,
    ),
    exceedancesByUscc: createRowsLoader(
      (usccs: readonly string[]) =>
        db.select().from(exceedances).where(inArray(exceedances.uscc, [...usccs])).orderBy(desc(exceedances.measuredAt), desc(exceedances.id)),
      (row) => row.uscc,
    ),
    blacklistEntriesByUscc: createRowsLoader(
      (usccs: readonly string[]) =>
        db.select().from(blacklistEntries).where(inArray(blacklistEntries.uscc, [...usccs])).orderBy(desc(blacklistEntries.listedOn), desc(blacklistEntries.id)),
      (row) => row.uscc,
    ),
  };
}

export type EnvironmentLoaders = ReturnType<typeof createEnvironmentLoaders>;
