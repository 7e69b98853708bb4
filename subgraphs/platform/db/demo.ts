import { createRandom, type DemoSubject } from '../../kit/demo/index.ts';
import { rowsFor, type DemoRows } from '../../kit/demo/loads.ts';
import { authorisations } from './tables.ts';

/** The demo bank: the organisation README's examples sign in as. */
export const DEMO_BANK = 'BANK-DEMO-001';

/** Every this-many demo subjects, one has authorised the demo bank (subject 0 among them). */
export const DEMO_GRANT_EVERY = 25;

/** Live demo grants run until this day, so README examples keep working for years. */
export const DEMO_GRANT_UNTIL = '2031-10-31';

const DEMO_DOMAINS = 'MARKET,TAX,COURTS,ENVIRONMENT';

/**
 * Demo authorisations of the demo bank: subject 0, 25, 50… live for loan approval and post-loan
 * management; subject 5, 30… expired; subject 10, 35… revoked; so each state can be seen. Deterministic
 * in (subject, seed); nothing else in the platform's database is demo data (the access log starts empty).
 */
export function generatePlatformRecords(subject: DemoSubject, seed: string): DemoRows {
  const slot = subject.index % DEMO_GRANT_EVERY;
  if (slot !== 0 && slot !== 5 && slot !== 10) return [];
  const random = createRandom(`${seed}:platform:${subject.index}`);
  // Granted before it expired (slot 5) or was revoked (slot 10).
  const grantedOn = random.date('2025-01-01', slot === 5 ? '2026-06-29' : '2026-10-19');
  const row: typeof authorisations.$inferInsert = {
    uscc: subject.uscc,
    organisation: DEMO_BANK,
    domains: DEMO_DOMAINS,
    purposes: 'LOAN_APPROVAL,POST_LOAN_MANAGEMENT',
    validUntil: slot === 5 ? '2026-06-30' : DEMO_GRANT_UNTIL,
    form: 'ONLINE',
    evidenceReference: null,
    recordedBy: null,
    grantedAt: `${grantedOn} 09:30:00.000`,
    revokedAt: slot === 10 ? '2026-10-20 15:00:00.000' : null,
    revokedBy: slot === 10 ? 'SUBJECT' : null,
  };
  return [rowsFor(authorisations, [row])];
}
