import type { dischargePermits } from './db/tables.ts';

type Permit = Pick<typeof dischargePermits.$inferSelect, 'status' | 'validTo'>;

/**
 * A permit's status on China's legal day `today`. Departments report revocations and cancellations;
 * expiry they do not report, it just happens: a VALID permit is EXPIRED from the day after validTo.
 */
export function permitStatus(permit: Permit, today: string): Permit['status'] {
  return permit.status === 'VALID' && permit.validTo !== null && permit.validTo < today ? 'EXPIRED' : permit.status;
}
