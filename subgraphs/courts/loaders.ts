import { desc, inArray } from 'drizzle-orm';
import type { MySql2Database } from 'drizzle-orm/mysql2';
import { createRowsLoader } from '../kit/db/batch-loaders.ts';
import { consumptionRestrictions, dishonestDebtors, enforcementCases, judgments, type CourtsTables } from './db/tables.ts';

export type CourtsDb = MySql2Database<CourtsTables>;

/** One DataLoader per record table, made per request: a cache shared across callers would be a leak. */
export function createCourtsLoaders(db: CourtsDb) {
  return {
    dishonestDebtorsByUscc: createRowsLoader(
      (usccs: readonly string[]) =>
        db
          .select()
          .from(dishonestDebtors)
          .where(inArray(dishonestDebtors.uscc, [...usccs]))
          .orderBy(desc(dishonestDebtors.publishedOn), desc(dishonestDebtors.id)),
      (row) => row.uscc,
    ),
    consumptionRestrictionsByUscc: createRowsLoader(
      (usccs: readonly string[]) =>
        db
          .select()
          .from(consumptionRestrictions)
          .where(inArray(consumptionRestrictions.uscc, [...usccs]))
          .orderBy(desc(consumptionRestrictions.issuedOn), desc(consumptionRestrictions.id)),
      (row) => row.uscc,
    ),
    enforcementCasesByUscc: createRowsLoader(
      (usccs: readonly string[]) =>
        db
          .select()
          .from(enforcementCases)
          .where(inArray(enforcementCases.uscc, [...usccs]))
          .orderBy(desc(enforcementCases.filedOn), desc(enforcementCases.id)),
      (row) => row.uscc,
    ),
    judgmentsByUscc: createRowsLoader(
      (usccs: readonly string[]) =>
        db.select().from(judgments).where(inArray(judgments.uscc, [...usccs])).orderBy(desc(judgments.decidedOn), desc(judgments.id)),
      (row) => row.uscc,
    ),
  };
}

export type CourtsLoaders = ReturnType<typeof createCourtsLoaders>;
