import { char, date, varchar } from 'drizzle-orm/mysql-core';

/**
 * Columns a collected record type adds to its table. Spread into the table's columns, so that every
 * department names and types them alike.
 */

/** Withdrawal by the source department (撤回): the record leaves every view but government's, kept with its reason. */
export const withdrawalColumns = () => ({
  withdrawnOn: date('withdrawn_on', { mode: 'string' }),
  withdrawalReason: varchar('withdrawal_reason', { length: 300 }),
});

/**
 * The national 双公示 items the older tables lacked (deciding authority's code, the source unit and its
 * code), and a publication day the department states with its source. Nullable: records loaded before
 * collection existed have none.
 */
export const doublePublicityColumns = () => ({
  authorityUscc: char('authority_uscc', { length: 18 }),
  sourceUnit: varchar('source_unit', { length: 100 }),
  sourceUnitUscc: char('source_unit_uscc', { length: 18 }),
  statedPublishedOn: date('stated_published_on', { mode: 'string' }),
  publicationSource: varchar('publication_source', { length: 300 }),
});
