import mysql from 'mysql2/promise';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { DemoSubject } from '../../subgraphs/kit/demo/index.ts';
import { CREDIT_GRADES } from '../../subgraphs/environment/credit-grades.ts';
import { generateEnvironmentRecords } from '../../subgraphs/environment/db/demo.ts';
import { blacklistEntries, creditEvaluations, dischargePermits, environmentalPenalties, exceedances } from '../../subgraphs/environment/db/tables.ts';
import { demoSubjects, firstSubject } from '../support/demo.ts';
import { graphql, sqlStatements } from '../support/graphql.ts';
import { governmentHeaders } from '../support/tokens.ts';

type Row = Record<string, any>;

// The published part of the environment profile: everything but exceedances.
const PUBLIC_ENVIRONMENT = /* GraphQL */ `
  fragment PublicEnvironment on Entity {
    uscc
    environment {
      creditEvaluations { id sourceDepartment sourceId year scheme grade gradeLabel response evaluatedBy publishedOn }
      penalties {
        id sourceDepartment sourceId decisionNumber violationType facts basis penaltyTypes fineAmount severity authority decidedOn publishedOn
      }
      dischargePermits { id sourceDepartment sourceId permitNumber category industry authority issuedOn validFrom validTo status }
      blacklistEntries { id sourceDepartment sourceId reason authority listedOn removedOn removalReason current }
    }
  }
`;
// Every environment field, the AUTHORISED exceedances included: what batching must cost the same for 1 and 100.
const ALL_ENVIRONMENT = /* GraphQL */ `
  fragment AllEnvironment on Entity {
    ...PublicEnvironment
    environment {
      exceedances {
        id sourceDepartment sourceId monitoringPoint pollutant measuredValue limitValue unit standard measuredAt source penaltyDecisionNumber
      }
    }
  }
  ${PUBLIC_ENVIRONMENT}
`;

const PUBLIC_LISTS = {
  creditEvaluations: creditEvaluations,
  penalties: environmentalPenalties,
  dischargePermits: dischargePermits,
  blacklistEntries: blacklistEntries,
} as const;
type PublicList = keyof typeof PUBLIC_LISTS;
const PUBLIC_LIST_NAMES = Object.keys(PUBLIC_LISTS) as PublicList[];

/** What the deterministic generator wrote for a subject, per environment table. */
function generated(subject: DemoSubject) {
  const rows = generateEnvironmentRecords(subject, inject('demo').seed);
  const of = (table: unknown): Row[] => rows.find(([t]) => t === table)?.[1] ?? [];
  return {
    ...(Object.fromEntries(PUBLIC_LIST_NAMES.map((list) => [list, of(PUBLIC_LISTS[list])])) as Record<PublicList, Row[]>),
    exceedances: of(exceedances),
  };
}

/** The demo subject with the most kinds of environment record, then the most records. */
function richSubject(): DemoSubject {
  let best: { subject: DemoSubject; kinds: number; total: number } | undefined;
  for (const subject of demoSubjects()) {
    const counts = Object.values(generated(subject)).map((rows) => rows.length);
    const kinds = counts.filter((n) => n > 0).length;
    const total = counts.reduce((a, b) => a + b, 0);
    if (!best || kinds > best.kinds || (kinds === best.kinds && total > best.total)) best = { subject, kinds, total };
  }
  return best!.subject;
}

/**
 * The published fields of every record loaded, as government asks for them: everyone else sees only
 * records in force (expired penalties and removed listings are government's: disclosure-lifecycle.test.ts).
 */
async function publicProfiles(subjects: DemoSubject[]): Promise<Row[]> {
  const found: Row[] = [];
  const headers = await governmentHeaders();
  for (let from = 0; from < subjects.length; from += 100) {
    const result = await graphql(`query($usccs: [USCC!]!) { entities(usccs: $usccs) { ...PublicEnvironment } } ${PUBLIC_ENVIRONMENT}`, {
      usccs: subjects.slice(from, from + 100).map((s) => s.uscc),
    }, { headers });
    expect(result.errors).toBeUndefined();
    found.push(...result.data.entities);
  }
  return found;
}

describe('an environment profile through the gateway', () => {
  it('returns every published kind of record for a polluter chosen for rich records', async () => {
    const subject = richSubject();
    const expected = generated(subject);
    expect(Object.values(expected).every((rows) => rows.length > 0)).toBe(true);

    // As government, who sees every record loaded, in force or not.
    const result = await graphql(`query($uscc: USCC!) { entity(uscc: $uscc) { name ...PublicEnvironment } } ${PUBLIC_ENVIRONMENT}`, { uscc: subject.uscc }, { headers: await governmentHeaders() });
    expect(result.errors).toBeUndefined();
    const { name, environment } = result.data.entity;
    expect(name).toBeTruthy();
    for (const list of PUBLIC_LIST_NAMES) {
      expect(environment[list].map((r: Row) => r.sourceId).sort(), list).toEqual(expected[list].map((r) => r.sourceId).sort());
    }

    const years = environment.creditEvaluations.map((e: Row) => e.year);
    expect(years).toEqual([...years].sort((a, b) => b - a));
    for (const evaluation of environment.creditEvaluations) {
      expect(evaluation.id).toMatch(/^environment\.credit-evaluation\.\d+$/);
      expect(evaluation.sourceDepartment).toMatch(/市生态环境局$/);
      const grade = CREDIT_GRADES[evaluation.scheme as keyof typeof CREDIT_GRADES].find((g) => g.code === evaluation.grade);
      expect(grade).toBeDefined();
      expect(evaluation.gradeLabel).toBe(grade!.label);
      expect(evaluation.response).toBe(grade!.response);
      expect(evaluation.publishedOn > `${evaluation.year}-12-31`).toBe(true);
    }
    for (const penalty of environment.penalties) {
      expect(penalty.id).toMatch(/^environment\.penalty\.\d+$/);
      expect(penalty.decisionNumber).toMatch(/^.环罚〔\d{4}〕\d+号$/);
      expect(penalty.penaltyTypes).toContain('罚款');
      expect(Number(penalty.fineAmount)).toBeGreaterThan(0);
      expect(['MINOR', 'GENERAL', 'SERIOUS']).toContain(penalty.severity);
      expect(penalty.decidedOn <= penalty.publishedOn && penalty.publishedOn <= '2026-10-31').toBe(true);
    }
    for (const permit of environment.dischargePermits) {
      expect(permit.id).toMatch(/^environment\.discharge-permit\.\d+$/);
      expect(permit.permitNumber.startsWith(subject.uscc)).toBe(true);
      expect(permit.validFrom < permit.validTo).toBe(true);
    }
    for (const entry of environment.blacklistEntries) {
      expect(entry.id).toMatch(/^environment\.blacklist-entry\.\d+$/);
      expect(entry.current).toBe(entry.removedOn === null);
      // A listing names the penalty decision behind it.
      expect(environment.penalties.some((p: Row) => entry.reason.includes(p.decisionNumber))).toBe(true);
    }
  });

  it('answers an entity the department holds nothing on with empty lists, not errors', async () => {
    const subject = firstSubject((s) => s.kind === 'GOVERNMENT_BODY');
    const result = await graphql(`query($uscc: USCC!) { entity(uscc: $uscc) { ...PublicEnvironment } } ${PUBLIC_ENVIRONMENT}`, { uscc: subject.uscc });
    expect(result.errors).toBeUndefined();
    expect(result.data.entity.environment).toEqual({ creditEvaluations: [], penalties: [], dischargePermits: [], blacklistEntries: [] });
  });
});

describe('the environment demo data, all of it through the gateway', () => {
  const profiles: Row[] = [];
  beforeAll(async () => {
    profiles.push(...(await publicProfiles(demoSubjects())));
  });

  it('has every published record type, and every record loaded is reachable', () => {
    const subjects = demoSubjects();
    expect(profiles.map((p) => p.uscc)).toEqual(subjects.map((s) => s.uscc));
    const totals = Object.fromEntries(PUBLIC_LIST_NAMES.map((list) => [list, 0])) as Record<PublicList, number>;
    profiles.forEach((profile, i) => {
      const expected = generated(subjects[i]);
      for (const list of PUBLIC_LIST_NAMES) {
        expect(profile.environment[list], `${list} of subject ${i}`).toHaveLength(expected[list].length);
        totals[list] += expected[list].length;
      }
    });
    for (const list of PUBLIC_LIST_NAMES) expect(totals[list], list).toBeGreaterThan(0);
  });

  it('grades on each province’s scheme, with every response from encouragement to punishment', () => {
    const evaluations = profiles.flatMap((p) => p.environment.creditEvaluations);
    expect(new Set(evaluations.map((e: Row) => e.scheme))).toEqual(new Set(['NATIONAL', 'GREEN_BLUE_YELLOW_RED', 'A_TO_D']));
    expect(new Set(evaluations.map((e: Row) => e.response))).toEqual(new Set(['ENCOURAGE', 'WARN', 'PUNISH']));
    const categories = new Set(profiles.flatMap((p) => p.environment.dischargePermits.map((d: Row) => d.category)));
    expect(categories).toEqual(new Set(['KEY', 'SIMPLIFIED', 'REGISTRATION']));
  });

  it('grades blacklisted polluters low in the years they are listed', () => {
    const listed = profiles.filter((p) => p.environment.blacklistEntries.some((b: Row) => b.current));
    expect(listed.length).toBeGreaterThan(0);
    for (const profile of listed) {
      const since = Number(profile.environment.blacklistEntries.find((b: Row) => b.current).listedOn.slice(0, 4));
      for (const evaluation of profile.environment.creditEvaluations.filter((e: Row) => e.year >= since)) {
        expect(evaluation.response).toBe('PUNISH');
      }
    }
  });
});

// Exceedance records are AUTHORISED: an anonymous caller gets the list withheld with FORBIDDEN, never
// faked as empty; what the department holds is checked in its database. The access matrix covers the
// signed-in callers.
describe('exceedance records, released only with authorisation', () => {
  it('are withheld from an anonymous caller with FORBIDDEN, while the rest of the profile answers', async () => {
    const subject = richSubject();
    const result = await graphql(`query($uscc: USCC!) { entity(uscc: $uscc) { ...AllEnvironment } } ${ALL_ENVIRONMENT}`, { uscc: subject.uscc });
    expect(result.data.entity.environment.exceedances).toBeNull();
    expect(result.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[['entity', 'environment', 'exceedances'], 'FORBIDDEN']]);
    // Permits stay public (a penalty may be past its publicity period by now).
    expect(result.data.entity.environment.dischargePermits.length).toBeGreaterThan(0);
  });

  it('are held for every penalised polluter, as loaded', async () => {
    const connection = await mysql.createConnection(inject('databaseUrls').environment);
    try {
      // The demo subjects only: other suites add penalties of their own entities (test/support/records.ts).
      const [[counts]] = (await connection.query(
        `SELECT COUNT(DISTINCT p.uscc) AS penalised,
                COUNT(DISTINCT CASE WHEN NOT EXISTS (SELECT 1 FROM exceedances e WHERE e.uscc = p.uscc) THEN p.uscc END) AS withoutExceedances
           FROM environmental_penalties p
          WHERE p.uscc IN (?)`,
        [demoSubjects().map((s) => s.uscc)],
      )) as unknown as [Row[]];
      expect(Number(counts.penalised)).toBeGreaterThan(0);
      expect(Number(counts.withoutExceedances)).toBe(0);
      // Of the demo subjects too: collection's suites submit exceedances of their own entities.
      const [[held]] = (await connection.query('SELECT COUNT(*) AS n FROM exceedances WHERE uscc IN (?)', [demoSubjects().map((s) => s.uscc)])) as unknown as [Row[]];
      const expected = demoSubjects().reduce((n, s) => n + generated(s).exceedances.length, 0);
      expect(Number(held.n)).toBe(expected);
      expect(expected).toBeGreaterThan(0);
    } finally {
      await connection.end();
    }
  });
});

describe('batching: many entities cost the environment subgraph what one costs', () => {
  it('runs the same number of SQL statements for 100 entities as for 1, selecting every environment field', async () => {
    // Both sets hold the rich subject, so every table has rows to return.
    const rich = richSubject();
    const subjects = [rich, ...demoSubjects().filter((s) => s.uscc !== rich.uscc)].slice(0, 100);
    const query = `query($usccs: [USCC!]!) { entities(usccs: $usccs) { ...AllEnvironment } } ${ALL_ENVIRONMENT}`;
    const one = await graphql(query, { usccs: [rich.uscc] });
    const hundred = await graphql(query, { usccs: subjects.map((s) => s.uscc) });

    // Only the AUTHORISED exceedances may be denied (to an anonymous caller); nothing else may fail.
    for (const result of [one, hundred]) {
      expect((result.errors ?? []).filter((e) => e.extensions?.code !== 'FORBIDDEN' || e.path?.at(-1) !== 'exceedances')).toEqual([]);
    }
    expect(hundred.data.entities.map((e: Row) => e.uscc)).toEqual(subjects.map((s) => s.uscc));

    const countForOne = await sqlStatements('environment', one.requestId);
    expect(countForOne).toBeGreaterThan(0);
    expect(countForOne).toBeLessThanOrEqual(5); // one per record table at most
    expect(await sqlStatements('environment', hundred.requestId)).toBe(countForOne);
  });
});
