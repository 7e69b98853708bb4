import { asc, desc } from 'drizzle-orm';
import type { MySql2Database } from 'drizzle-orm/mysql2';
import { createRowsLoader } from '../kit/db/batch-loaders.ts';
import { keysIn, statementsByKeys } from '../kit/db/statements-by-key.ts';
import { taxArrears, taxCommitments, taxFilingYears, taxRatings, taxViolationCases, taxViolationPersons, type TaxTables } from './db/tables.ts';

export type TaxDb = MySql2Database<TaxTables>;

/** Every lookup is `WHERE uscc IN (…)`: built once per database, filled in per batch (kit/db/statements-by-key.ts). */
const statements = statementsByKeys((db: TaxDb) => ({
  ratings: db.select().from(taxRatings).where(keysIn(taxRatings.uscc)).orderBy(desc(taxRatings.year)),
  arrears: db.select().from(taxArrears).where(keysIn(taxArrears.uscc)).orderBy(desc(taxArrears.announcedOn), desc(taxArrears.id)),
  violationCases: db.select().from(taxViolationCases).where(keysIn(taxViolationCases.uscc)).orderBy(desc(taxViolationCases.listedOn), desc(taxViolationCases.id)),
  violationPersons: db.select().from(taxViolationPersons).where(keysIn(taxViolationPersons.uscc)).orderBy(asc(taxViolationPersons.id)),
  filingYears: db.select().from(taxFilingYears).where(keysIn(taxFilingYears.uscc)).orderBy(desc(taxFilingYears.year)),
  commitments: db.select().from(taxCommitments).where(keysIn(taxCommitments.uscc)).orderBy(desc(taxCommitments.madeOn), desc(taxCommitments.id)),
}));

/**
 * One DataLoader per table, made per request (a cache shared across callers would be a leak). A fetch
 * of N entities costs one statement per table selected.
 */
export function createTaxLoaders(db: TaxDb) {
  const find = statements(db);
  return {
    // ratings and aGradeYears share this loader: selecting both costs one statement.
    ratingsByUscc: createRowsLoader(find.ratings, (row) => row.uscc),
    arrearsByUscc: createRowsLoader(find.arrears, (row) => row.uscc),
    violationCasesByUscc: createRowsLoader(find.violationCases, (row) => row.uscc),
    // Keyed by the entity, not the case, so the persons of every case in a request come in one statement.
    violationPersonsByUscc: createRowsLoader(find.violationPersons, (row) => row.uscc),
    filingYearsByUscc: createRowsLoader(find.filingYears, (row) => row.uscc),
    commitmentsByUscc: createRowsLoader(find.commitments, (row) => row.uscc),
  };
}

export type TaxLoaders = ReturnType<typeof createTaxLoaders>;
