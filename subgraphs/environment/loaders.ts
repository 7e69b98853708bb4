import { desc } from 'drizzle-orm';
import type { MySql2Database } from 'drizzle-orm/mysql2';
import { createRowsLoader } from '../kit/db/batch-loaders.ts';
import { keysIn, statementsByKeys } from '../kit/db/statements-by-key.ts';
import { blacklistEntries, creditEvaluations, dischargePermits, environmentalPenalties, exceedances, type EnvironmentTables } from './db/tables.ts';

export type EnvironmentDb = MySql2Database<EnvironmentTables>;

/** Every lookup is `WHERE uscc IN (…)`: built once per database, filled in per batch (kit/db/statements-by-key.ts). */
const statements = statementsByKeys((db: EnvironmentDb) => ({
  creditEvaluations: db.select().from(creditEvaluations).where(keysIn(creditEvaluations.uscc)).orderBy(desc(creditEvaluations.year), desc(creditEvaluations.id)),
  penalties: db
    .select()
    .from(environmentalPenalties)
    .where(keysIn(environmentalPenalties.uscc))
    .orderBy(desc(environmentalPenalties.decidedOn), desc(environmentalPenalties.id)),
  dischargePermits: db.select().from(dischargePermits).where(keysIn(dischargePermits.uscc)).orderBy(desc(dischargePermits.issuedOn), desc(dischargePermits.id)),
  exceedances: db.select().from(exceedances).where(keysIn(exceedances.uscc)).orderBy(desc(exceedances.measuredAt), desc(exceedances.id)),
  blacklistEntries: db.select().from(blacklistEntries).where(keysIn(blacklistEntries.uscc)).orderBy(desc(blacklistEntries.listedOn), desc(blacklistEntries.id)),
}));

/**
 * One DataLoader per record table, made per request: whatever a query selects, for however many
 * entities, each table is read by at most one statement (`WHERE uscc IN (…)`).
 */
export function createEnvironmentLoaders(db: EnvironmentDb) {
  const find = statements(db);
  return {
    creditEvaluationsByUscc: createRowsLoader(find.creditEvaluations, (row) => row.uscc),
    penaltiesByUscc: createRowsLoader(find.penalties, (row) => row.uscc),
    dischargePermitsByUscc: createRowsLoader(find.dischargePermits, (row) => row.uscc),
    exceedancesByUscc: createRowsLoader(find.exceedances, (row) => row.uscc),
    blacklistEntriesByUscc: createRowsLoader(find.blacklistEntries, (row) => row.uscc),
  };
}

export type EnvironmentLoaders = ReturnType<typeof createEnvironmentLoaders>;
