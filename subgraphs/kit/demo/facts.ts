import { addDays } from '../calendar/dates.ts';
import { createRandom, type Random } from './random.ts';
import { personIdNumber, personName } from './names.ts';
import type { DemoSubject } from './subjects.ts';

/**
 * Facts about a demo subject that more than one department records. Each comes from its own seeded
 * stream, so every department derives the same answer without reading another department's data.
 */

/** Demo data describes the world as of this day, whatever day it is loaded, so every load is identical. */
export const DEMO_AS_OF = '2026-10-31';

export interface DemoPerson {
  name: string;
  idNumber: string;
}

/** The subject's legal representative, as market registers them and as court and tax lists print them. */
export function legalRepresentativeOf(subject: DemoSubject, seed: string): DemoPerson {
  const random = createRandom(`${seed}:legal-representative:${subject.index}`);
  const born = `${random.int(1950, 1998)}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`;
  return { name: personName(random), idNumber: personIdNumber(subject.divisionCode, born, random) };
}

/**
 * When a decision was published: within 7 working days is the rule (双公示), a few departments are
 * late; never after DEMO_AS_OF.
 */
export function publicationDay(decidedOn: string, random: Random): string {
  const day = addDays(decidedOn, random.chance(0.94) ? random.int(1, 9) : random.int(12, 40));
  return day < DEMO_AS_OF ? day : DEMO_AS_OF;
}
