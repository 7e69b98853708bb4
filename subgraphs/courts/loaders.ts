import { desc } from 'drizzle-orm';
import type { MySql2Database } from 'drizzle-orm/mysql2';
import { createRowsLoader } from '../kit/db/batch-loaders.ts';
import { keysIn, statementsByKeys } from '../kit/db/statements-by-key.ts';
import { consumptionRestrictions, dishonestDebtors, enforcementCases, judgments, type CourtsTables } from './db/tables.ts';

export type CourtsDb = MySql2Database<CourtsTables>;

/** Every lookup is `WHERE uscc IN (…)`: built once per database, filled in per batch (kit/db/statements-by-key.ts). */
const statements = statementsByKeys((db: CourtsDb) => ({
  dishonestDebtors: db.select().from(dishonestDebtors).where(keysIn(dishonestDebtors.uscc)).orderBy(desc(dishonestDebtors.publishedOn), desc(dishonestDebtors.id)),
  consumptionRestrictions: db
    .select()
    .from(consumptionRestrictions)
    .where(keysIn(consumptionRestrictions.uscc))
    .orderBy(desc(consumptionRestrictions.issuedOn), desc(consumptionRestrictions.id)),
  enforcementCases: db.select().from(enforcementCases).where(keysIn(enforcementCases.uscc)).orderBy(desc(enforcementCases.filedOn), desc(enforcementCases.id)),
  judgments: db.select().from(judgments).where(keysIn(judgments.uscc)).orderBy(desc(judgments.decidedOn), desc(judgments.id)),
}));

/** One DataLoader per record table, made per request: a cache shared across callers would be a leak. */
export function createCourtsLoaders(db: CourtsDb) {
  const find = statements(db);
  return {
    dishonestDebtorsByUscc: createRowsLoader(find.dishonestDebtors, (row) => row.uscc),
    consumptionRestrictionsByUscc: createRowsLoader(find.consumptionRestrictions, (row) => row.uscc),
    enforcementCasesByUscc: createRowsLoader(find.enforcementCases, (row) => row.uscc),
    judgmentsByUscc: createRowsLoader(find.judgments, (row) => row.uscc),
  };
}

export type CourtsLoaders = ReturnType<typeof createCourtsLoaders>;
