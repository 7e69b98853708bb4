import { asc, desc, inArray } from 'drizzle-orm';
import { createRowsLoader } from '../../kit/db/batch-loaders.ts';
import { creditRepairApplications, objections, type PlatformDb } from '../db/tables.ts';

export type CreditRepairRow = typeof creditRepairApplications.$inferSelect;
export type ObjectionRow = typeof objections.$inferSelect;

/** The credit-repair and objection cases, per entity (newest first) and per record (oldest first). */
export function createCaseLoaders(db: PlatformDb) {
  return {
    creditRepairsByUscc: createRowsLoader(
      (usccs: readonly string[]) =>
        db
          .select()
          .from(creditRepairApplications)
          .where(inArray(creditRepairApplications.uscc, [...usccs]))
          .orderBy(desc(creditRepairApplications.appliedAt), desc(creditRepairApplications.id)),
      (row) => row.uscc,
    ),
    creditRepairsByRecord: createRowsLoader(
      (recordIds: readonly string[]) =>
        db
          .select()
          .from(creditRepairApplications)
          .where(inArray(creditRepairApplications.recordId, [...recordIds]))
          .orderBy(asc(creditRepairApplications.appliedAt), asc(creditRepairApplications.id)),
      (row) => row.recordId,
    ),
    objectionsByUscc: createRowsLoader(
      (usccs: readonly string[]) =>
        db.select().from(objections).where(inArray(objections.uscc, [...usccs])).orderBy(desc(objections.filedAt), desc(objections.id)),
      (row) => row.uscc,
    ),
    objectionsByRecord: createRowsLoader(
      (recordIds: readonly string[]) =>
        db.select().from(objections).where(inArray(objections.recordId, [...recordIds])).orderBy(asc(objections.filedAt), asc(objections.id)),
      (row) => row.recordId,
    ),
  };
}

export type CaseLoaders = ReturnType<typeof createCaseLoaders>;
