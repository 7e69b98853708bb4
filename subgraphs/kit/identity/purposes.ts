/**
 * What an institution may declare it is querying for (`X-Credit-Purpose`). Authorised use is bound to
 * a purpose (seed 001: "依照信用信息主體授權的用途使用"), so a grant names the purposes it covers and a
 * query names the one it serves.
 */
export const PURPOSES = ['LOAN_APPROVAL', 'POST_LOAN_MANAGEMENT', 'GUARANTEE_REVIEW', 'CREDIT_REPORT'] as const;

export type Purpose = (typeof PURPOSES)[number];

export function isPurpose(value: unknown): value is Purpose {
  return typeof value === 'string' && (PURPOSES as readonly string[]).includes(value);
}
