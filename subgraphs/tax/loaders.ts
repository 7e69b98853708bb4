import { asc, desc, inArray } from 'drizzle-orm';
import type { MySql2Database } from 'drizzle-orm/mysql2';
import { createRowsLoader } from '../kit/db/batch-loaders.ts';
import { taxArrears, taxCommitments, taxFilingYears, taxRatings, taxViolationCases, taxViolationPersons, type TaxTables } from './db/tables.ts';

export type TaxDb = MySql2Database<TaxTables>;

/**
 * One DataLoader per table, made per request (a cache shared across callers would be a leak). Every
 * lookup is `WHERE uscc IN (…)`, so a fetch of N entities costs one statement per table selected.
 */
export function createTaxLoaders(db: TaxDb) {
  return {
    // ratings and aGradeYears share this loader: selecting both costs one statement.
    ratingsByUscc: createRowsLoader(
      (usccs: readonly string[]) => db.select().from(taxRatings).where(inArray(taxRatings.uscc, [...usccs])).orderBy(desc(taxRatings.year)),
      (row) => row.uscc,
    ),
    arrearsByUscc: createRowsLoader(
      (usccs: readonly string[]) =>
        db.select().from(taxArrears).where(inArray(taxArrears.uscc, [...usccs])).orderBy(desc(taxArrears.announcedOn), desc(taxArrears.id)),
      (row) => row.uscc,
    ),
    violationCasesByUscc: createRowsLoader(
      (usccs: readonly string[]) =>
        db
          .select()
          .from(taxViolationCases)
          .where(inArray(taxViolationCases.uscc, [...usccs]))
          .orderBy(desc(taxViolationCases.listedOn), desc(taxViolationCases.id)),
      (row) => row.uscc,
    ),
    // Keyed by the entity, not the case, so the persons of every case in a request come in one statement.
    violationPersonsByUscc: createRowsLoader(
      (usccs: readonly string[]) =>
        db.select().from(taxViolationPersons).where(inArray(taxViolationPersons.uscc, [...usccs])).orderBy(asc(taxViolationPersons.id)),
      (row) => row.uscc,
    ),
    filingYearsByUscc: createRowsLoader(
      (usccs: readonly string[]) =>
        db.select().from(taxFilingYears).where(inArray(taxFilingYears.uscc, [...usccs])).orderBy(desc(taxFilingYears.year)),
      (row) => row.uscc,
    ),
    commitmentsByUscc: createRowsLoader(
      (usccs: readonly string[]) =>
        db
          .select()
          .from(taxCommitments)
          .where(inArray(taxCommitments.uscc, [...usccs]))
          .orderBy(desc(taxCommitments.madeOn), desc(taxCommitments.id)),
      (row) => row.uscc,
    ),
  };
}

export type TaxLoaders = ReturnType<typeof createTaxLoaders>;
