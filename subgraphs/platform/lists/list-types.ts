/** The lists the platform gathers (schema.graphql, enum ListType); each is kept by one department. */
export const LIST_TYPES = [
  'A_GRADE_TAXPAYER',
  'ENVIRONMENTAL_CREDIT_GOOD',
  'ENVIRONMENTAL_CREDIT_WARNING',
  'ENVIRONMENTAL_CREDIT_POOR',
  'ENVIRONMENTAL_BLACKLIST',
  'ABNORMAL_OPERATIONS',
  'SERIOUS_VIOLATION',
  'MAJOR_TAX_VIOLATION',
  'DISHONEST_JUDGMENT_DEBTOR',
  'CONSUMPTION_RESTRICTION',
  'BROKEN_COMMITMENT',
] as const;
export type ListType = (typeof LIST_TYPES)[number];

/** The acts a government app checks an entity before (schema.graphql, enum EligibilityContext). */
export const ELIGIBILITY_CONTEXTS = [
  'GOVERNMENT_PROCUREMENT',
  'BIDDING',
  'ADMINISTRATIVE_APPROVAL',
  'HONOURS',
  'BOND_ISSUANCE',
  'SHARE_LISTING',
  'GOVERNMENT_FUNDING',
  'HIGH_CONSUMPTION',
  'INSPECTION',
  'CREDIT_LOAN',
] as const;
export type EligibilityContext = (typeof ELIGIBILITY_CONTEXTS)[number];
