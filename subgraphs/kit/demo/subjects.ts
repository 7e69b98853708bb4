import { DEMO_COUNTIES } from '../identifiers/regions.ts';
import { USCC_ALPHABET, organisationCodeCheckCharacter, usccCheckCharacter } from '../identifiers/uscc.ts';
import { hashSeed, mix32 } from './random.ts';

// Every department's demo generator calls demoSubject(i) for the same i and gets the same entity, so tax,
// courts and environment can write records about market's entities without reading market's database.
// Everything is a pure function of (index, seed): no state, no setup per call, cheap enough for millions.

export type DemoSubjectKind =
  | 'ENTERPRISE'
  | 'INDIVIDUAL_BUSINESS'
  | 'FARMER_COOPERATIVE'
  | 'SOCIAL_ORGANISATION'
  | 'PUBLIC_INSTITUTION'
  | 'GOVERNMENT_BODY';

/** How much trouble the demo data gives an entity: penalties, a list entry, or a serious-violation record. */
export type DemoRisk = 'CLEAN' | 'PENALISED' | 'LISTED' | 'SERIOUS';

export interface DemoSubject {
  index: number;
  uscc: string;
  authority: string;
  entityTypeCode: string;
  kind: DemoSubjectKind;
  divisionCode: string;
  /** YYYY-MM-DD */
  establishedOn: string;
  risk: DemoRisk;
}

/** @default seed of demoSubject and demoSubjects */
export const DEMO_SEED = 'credit-demo';

/** Indices below this get distinct codes (the pre-2015 organisation codes are 8 digits). */
export const MAX_DEMO_SUBJECTS = 100_000_000;

// Cumulative shares; ENTERPRISE 85 %, INDIVIDUAL_BUSINESS 8 %, co-ops 3 %, social organisations 2 %, 1 % each for the rest.
const KINDS: readonly { kind: DemoSubjectKind; upTo: number; authority: string; type: string; body: string }[] = [
  { kind: 'ENTERPRISE', upTo: 0.85, authority: '9', type: '1', body: 'MA' },
  { kind: 'INDIVIDUAL_BUSINESS', upTo: 0.93, authority: '9', type: '2', body: 'MA' },
  { kind: 'FARMER_COOPERATIVE', upTo: 0.96, authority: '9', type: '3', body: 'MA' },
  { kind: 'SOCIAL_ORGANISATION', upTo: 0.98, authority: '5', type: '1', body: 'MJ' },
  { kind: 'PUBLIC_INSTITUTION', upTo: 0.99, authority: '1', type: '2', body: 'MB' },
  { kind: 'GOVERNMENT_BODY', upTo: 1, authority: '1', type: '1', body: 'MB' },
];

const RISKS: readonly { risk: DemoRisk; upTo: number }[] = [
  { risk: 'CLEAN', upTo: 0.78 },
  { risk: 'PENALISED', upTo: 0.93 },
  { risk: 'LISTED', upTo: 0.98 },
  { risk: 'SERIOUS', upTo: 1 },
];

const FIRST_DAY = Date.UTC(1995, 0, 1) / 86_400_000;
const LAST_DAY = Date.UTC(2025, 11, 31) / 86_400_000;
// 三证合一: entities registered from October 2015 got a new organisation body prefixed MA/MJ/MB; older
// ones kept their 8-digit organisation code inside the USCC. The demo codes follow suit.
const USCC_ERA_DAY = Date.UTC(2015, 9, 1) / 86_400_000;
const DAYS: readonly string[] = Array.from({ length: LAST_DAY - FIRST_DAY + 1 }, (_, i) =>
  new Date((FIRST_DAY + i) * 86_400_000).toISOString().slice(0, 10),
);

// Affine maps index → body number are bijections (the multiplier is coprime to the modulus), so distinct
// indices give distinct bodies within each era; the eras cannot collide because one is all digits and the
// other starts with a letter. The products stay below 2^53 for every index under MAX_DEMO_SUBJECTS.
const DIGIT_BODIES = 100_000_000;
const DIGIT_MULTIPLIER = 61_803_397;
const LETTER_BODIES = 31 ** 6;
const LETTER_MULTIPLIER = 86_028_121;

const TWO_32 = 4_294_967_296;

let cachedSeed: string | undefined;
let cachedSeedHash = 0;

function seedHashOf(seed: string): number {
  if (seed !== cachedSeed) {
    cachedSeed = seed;
    cachedSeedHash = hashSeed(seed);
  }
  return cachedSeedHash;
}

export function demoSubject(index: number, seed: string = DEMO_SEED): DemoSubject {
  if (!Number.isInteger(index) || index < 0 || index >= MAX_DEMO_SUBJECTS) {
    throw new RangeError(`demoSubject index must be an integer in [0, ${MAX_DEMO_SUBJECTS}), got ${index}`);
  }
  const seedHash = seedHashOf(seed);
  // One well-mixed word per index, then one independent draw per attribute.
  const base = mix32(seedHash ^ Math.imul(index, 0x9e3779b9));
  const kindDraw = mix32(base ^ 0x1b873593) / TWO_32;
  const countyDraw = mix32(base ^ 0x3c6ef372);
  const dayDraw = mix32(base ^ 0x5bd1e995) / TWO_32;
  const riskDraw = mix32(base ^ 0x27d4eb2f) / TWO_32;

  let k = 0;
  while (kindDraw >= KINDS[k].upTo) k++;
  const { kind, authority, type, body: eraPrefix } = KINDS[k];

  const divisionCode = DEMO_COUNTIES[countyDraw % DEMO_COUNTIES.length];

  // Registrations grew year on year; a square root gives market entities a density rising towards today.
  const marketEntity = authority === '9';
  const dayIndex = Math.floor((marketEntity ? Math.sqrt(dayDraw) : dayDraw) * DAYS.length);
  const establishedOn = DAYS[dayIndex];

  let risk: DemoRisk = 'CLEAN';
  if (authority !== '1') {
    let r = 0;
    while (riskDraw >= RISKS[r].upTo) r++;
    risk = RISKS[r].risk;
  }

  let body: string;
  if (FIRST_DAY + dayIndex >= USCC_ERA_DAY) {
    let n = (index * LETTER_MULTIPLIER + (seedHash % LETTER_BODIES)) % LETTER_BODIES;
    let tail = '';
    for (let i = 0; i < 6; i++) {
      tail = USCC_ALPHABET[n % 31] + tail;
      n = Math.floor(n / 31);
    }
    body = eraPrefix + tail;
  } else {
    const n = (index * DIGIT_MULTIPLIER + (seedHash % DIGIT_BODIES)) % DIGIT_BODIES;
    body = String(n).padStart(8, '0');
  }

  const first17 = authority + type + divisionCode + body + organisationCodeCheckCharacter(body);
  const uscc = first17 + usccCheckCharacter(first17);

  return { index, uscc, authority, entityTypeCode: type, kind, divisionCode, establishedOn, risk };
}

/** Subjects 0 … count − 1, in index order. */
export function* demoSubjects(count: number, seed: string = DEMO_SEED): Generator<DemoSubject> {
  for (let i = 0; i < count; i++) yield demoSubject(i, seed);
}
