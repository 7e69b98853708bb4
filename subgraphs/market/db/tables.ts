import { char, index, int, mysqlEnum, mysqlTable, smallint, text, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { recordIdColumn as id, usccColumn as uscc, sourceDepartmentColumn as sourceDepartment, sourceIdColumn as sourceId, dayColumn as day, yuanColumn as yuan } from '../../kit/db/columns.ts';
import { demoLoads } from '../../kit/demo/loads.ts';
import { penaltyColumns } from '../../kit/disclosure/penalty-columns.ts';
import { recordStatus } from '../../kit/disclosure/record-status.ts';
import { collectionBatches, heldRecords, recordRevisions } from '../../kit/collection/tables.ts';
import { doublePublicityColumns, withdrawalColumns } from '../../kit/collection/columns.ts';

// drizzle-kit reads only this file's exports: without these it would plan to drop the kit's tables.
export { demoLoads, recordStatus, collectionBatches, recordRevisions, heldRecords };

export const ENTITY_TYPES = [
  'ENTERPRISE',
  'INDIVIDUAL_BUSINESS',
  'FARMER_COOPERATIVE',
  'SOCIAL_ORGANISATION',
  'PUBLIC_INSTITUTION',
  'GOVERNMENT_BODY',
] as const;
export const ENTITY_STATUSES = ['ACTIVE', 'REVOKED', 'CANCELLED', 'MOVED_OUT'] as const;
export const LEGACY_ID_KINDS = ['ORGANISATION_CODE', 'REGISTRATION_NUMBER'] as const;
export const MARKET_LISTS = ['ABNORMAL_OPERATIONS', 'SERIOUS_VIOLATION'] as const;
export const INSPECTION_RESULTS = [
  'NO_PROBLEMS',
  'PROBLEMS_ORDERED_CORRECTED',
  'UNDISCLOSED_INFORMATION',
  'NOT_FOUND_AT_ADDRESS',
  'REFERRED_FOR_FOLLOW_UP',
] as const;


/** Registration: one row per entity; the unified code is the key of the whole federation. */
export const entities = mysqlTable(
  'entities',
  {
    uscc: char('uscc', { length: 18 }).primaryKey(),
    name: varchar('name', { length: 200 }).notNull(),
    entityType: mysqlEnum('entity_type', ENTITY_TYPES).notNull(),
    legalRepresentative: varchar('legal_representative', { length: 100 }),
    legalRepresentativeIdNumber: char('legal_representative_id_number', { length: 18 }),
    registeredCapital: yuan('registered_capital'),
    registeredCapitalCurrency: char('registered_capital_currency', { length: 3 }),
    establishedOn: day('established_on'),
    registeringAuthority: varchar('registering_authority', { length: 100 }).notNull(),
    regionCode: char('region_code', { length: 6 }).notNull(),
    address: varchar('address', { length: 300 }),
    /** An individual business's premises (经营场所): published where its operator's residence is not. */
    businessPremises: varchar('business_premises', { length: 300 }),
    businessScope: text('business_scope'),
    status: mysqlEnum('status', ENTITY_STATUSES).notNull(),
    statusChangedOn: day('status_changed_on'),
  },
  (t) => [
    // Name search pages by (name, uscc); the region index serves searches inside one county.
    index('entities_name_uscc').on(t.name, t.uscc),
    index('entities_region_name_uscc').on(t.regionCode, t.name, t.uscc),
  ],
);

/** Organisation codes and registration numbers from before the unified code. */
export const legacyIdentifiers = mysqlTable(
  'legacy_identifiers',
  {
    id: id(),
    uscc: uscc(),
    kind: mysqlEnum('kind', LEGACY_ID_KINDS).notNull(),
    value: varchar('value', { length: 20 }).notNull(),
  },
  (t) => [uniqueIndex('legacy_identifiers_kind_value').on(t.kind, t.value), index('legacy_identifiers_uscc').on(t.uscc)],
);

export const licences = mysqlTable(
  'licences',
  {
    id: id(),
    uscc: uscc(),
    sourceDepartment: sourceDepartment(),
    sourceId: sourceId(),
    licenceNumber: varchar('licence_number', { length: 64 }).notNull(),
    title: varchar('title', { length: 200 }).notNull(),
    category: varchar('category', { length: 20 }).notNull(),
    content: text('content'),
    authority: varchar('authority', { length: 100 }).notNull(),
    decidedOn: day('decided_on').notNull(),
    publishedOn: day('published_on'),
    validFrom: day('valid_from').notNull(),
    validTo: day('valid_to'),
    ...doublePublicityColumns(),
    ...withdrawalColumns(),
  },
  // decided_on: 双公示 compliance reads a period's decisions.
  (t) => [uniqueIndex('licences_source').on(t.sourceDepartment, t.sourceId), index('licences_uscc').on(t.uscc), index('licences_decided_on').on(t.decidedOn)],
);

export const penalties = mysqlTable(
  'penalties',
  { ...penaltyColumns(), confiscatedAmount: yuan('confiscated_amount'), ...doublePublicityColumns(), ...withdrawalColumns() },
  (t) => [uniqueIndex('penalties_source').on(t.sourceDepartment, t.sourceId), index('penalties_uscc').on(t.uscc), index('penalties_decided_on').on(t.decidedOn)],
);

/** The abnormal-operations and serious-violation lists: same shape, told apart by `list`. */
export const listings = mysqlTable(
  'listings',
  {
    id: id(),
    uscc: uscc(),
    list: mysqlEnum('list', MARKET_LISTS).notNull(),
    sourceDepartment: sourceDepartment(),
    sourceId: sourceId(),
    reason: varchar('reason', { length: 300 }).notNull(),
    authority: varchar('authority', { length: 100 }).notNull(),
    listedOn: day('listed_on').notNull(),
    removedOn: day('removed_on'),
    removalReason: varchar('removal_reason', { length: 300 }),
    ...withdrawalColumns(),
  },
  (t) => [uniqueIndex('listings_source').on(t.sourceDepartment, t.sourceId), index('listings_uscc').on(t.uscc)],
);

export const annualReports = mysqlTable(
  'annual_reports',
  {
    id: id(),
    uscc: uscc(),
    sourceDepartment: sourceDepartment(),
    sourceId: sourceId(),
    year: smallint('year').notNull(),
    submittedOn: day('submitted_on').notNull(),
    publishedOn: day('published_on'),
    employees: int('employees'),
    totalAssets: yuan('total_assets'),
    totalLiabilities: yuan('total_liabilities'),
    revenue: yuan('revenue'),
    netProfit: yuan('net_profit'),
    taxPaid: yuan('tax_paid'),
    ...withdrawalColumns(),
  },
  (t) => [
    uniqueIndex('annual_reports_source').on(t.sourceDepartment, t.sourceId),
    uniqueIndex('annual_reports_uscc_year').on(t.uscc, t.year),
  ],
);

export const inspections = mysqlTable(
  'inspections',
  {
    id: id(),
    uscc: uscc(),
    sourceDepartment: sourceDepartment(),
    sourceId: sourceId(),
    taskName: varchar('task_name', { length: 200 }).notNull(),
    authority: varchar('authority', { length: 100 }).notNull(),
    inspectedOn: day('inspected_on').notNull(),
    result: mysqlEnum('result', INSPECTION_RESULTS).notNull(),
    publishedOn: day('published_on'),
    notes: text('notes'),
    ...withdrawalColumns(),
  },
  (t) => [uniqueIndex('inspections_source').on(t.sourceDepartment, t.sourceId), index('inspections_uscc').on(t.uscc)],
);

export const marketTables = { entities, legacyIdentifiers, licences, penalties, listings, annualReports, inspections, demoLoads, recordStatus, collectionBatches, recordRevisions, heldRecords };
export type MarketTables = typeof marketTables;
