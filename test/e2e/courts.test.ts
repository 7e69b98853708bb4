import { describe, expect, inject, it } from 'vitest';
import { generateCourtRecords } from '../../subgraphs/courts/db/demo.ts';
import { consumptionRestrictions, dishonestDebtors, enforcementCases, judgments } from '../../subgraphs/courts/db/tables.ts';
import type { DemoSubject } from '../../subgraphs/kit/demo/index.ts';
import { regionNames } from '../../subgraphs/kit/identifiers/regions.ts';
import { DEMO_AS_OF } from '../../subgraphs/kit/demo/index.ts';
import { demoSubjects, firstSubject } from '../support/demo.ts';
import { graphql, sqlStatements } from '../support/graphql.ts';
import { governmentHeaders } from '../support/tokens.ts';

// PUBLIC fields only, so these assertions hold whatever access control releases to an anonymous caller.
const PUBLIC_COURTS = /* GraphQL */ `
  fragment PublicCourts on Entity {
    uscc
    courts {
      dishonestDebtorEntries {
        id sourceDepartment sourceId caseNumber court filedOn basisDocumentNumber basisIssuer duty performance conduct
        legalRepresentative publishedOn removedOn removalReason current
      }
      consumptionRestrictions { id sourceDepartment sourceId caseNumber court restrictedPersons restrictions issuedOn liftedOn current }
      enforcementCases { id sourceDepartment sourceId caseNumber court filedOn status concludedOn }
      judgments { id sourceDepartment sourceId caseNumber causeOfAction role instance court decidedOn publishedOn resultSummary }
    }
  }
`;

// Every courts field, the AUTHORISED amounts included: what the batching test must cost the same for 1 and 100.
const ALL_COURTS = /* GraphQL */ `
  fragment AllCourts on Entity {
    ...PublicCourts
    courts {
      dishonestDebtorEntries { outstandingAmount }
      enforcementCases { amount }
      judgments { amount }
    }
  }
  ${PUBLIC_COURTS}
`;

const ENFORCEMENT_CASE_NUMBER = /^（20(1[6-9]|2[0-6])）(辽|豫|吉|黔)\d{4}执\d+号$/;
const JUDGMENT_CASE_NUMBER = /^（20(1[6-9]|2[0-6])）(辽|豫|吉|黔)(\d{4}(民初|行初)|\d{2}民终)\d+号$/;

interface CourtsProfile {
  uscc: string;
  courts: {
    dishonestDebtorEntries: Record<string, any>[];
    consumptionRestrictions: Record<string, any>[];
    enforcementCases: Record<string, any>[];
    judgments: Record<string, any>[];
  };
}

function generatedCounts(subject: DemoSubject): Record<string, number> {
  const rows = generateCourtRecords(subject, inject('demo').seed);
  const count = (table: unknown) => rows.find(([t]) => t === table)?.[1].length ?? 0;
  return {
    dishonestDebtorEntries: count(dishonestDebtors),
    consumptionRestrictions: count(consumptionRestrictions),
    enforcementCases: count(enforcementCases),
    judgments: count(judgments),
  };
}

/**
 * The published courts records of every test subject, fetched through the gateway a page of 100 at a
 * time, as government: removed entries and lifted orders are history, which only government sees.
 */
async function allProfiles(): Promise<{ subject: DemoSubject; profile: CourtsProfile }[]> {
  const subjects = demoSubjects();
  const found: { subject: DemoSubject; profile: CourtsProfile }[] = [];
  const headers = await governmentHeaders();
  for (let from = 0; from < subjects.length; from += 100) {
    const page = subjects.slice(from, from + 100);
    const result = await graphql(`query($usccs: [USCC!]!) { entities(usccs: $usccs) { ...PublicCourts } } ${PUBLIC_COURTS}`, {
      usccs: page.map((s) => s.uscc),
    }, { headers });
    expect(result.errors).toBeUndefined();
    page.forEach((subject, i) => found.push({ subject, profile: result.data.entities[i] }));
  }
  return found;
}

describe('court records in an entity profile, through the gateway', () => {
  it('returns a full courts profile for a dishonest debtor, consistent with its registration', async () => {
    const subject = firstSubject(
      (s) => s.risk === 'SERIOUS' && s.kind === 'ENTERPRISE' && Object.values(generatedCounts(s)).every((n) => n > 0),
    );
    const result = await graphql(`query($uscc: USCC!) { entity(uscc: $uscc) { legalRepresentative ...PublicCourts } } ${PUBLIC_COURTS}`, {
      uscc: subject.uscc,
    });

    expect(result.errors).toBeUndefined();
    const { legalRepresentative, courts } = result.data.entity;
    const counts = Object.fromEntries(Object.entries(courts).map(([k, list]) => [k, (list as unknown[]).length]));
    expect(counts).toEqual(generatedCounts(subject));

    const { city, county } = regionNames(subject.divisionCode);
    const countyCourt = expect.stringMatching(new RegExp(`${county}人民法院$`));
    for (const entry of courts.dishonestDebtorEntries) {
      expect(entry.id).toMatch(/^courts\.dishonest-debtor\.\d+$/);
      expect(entry.caseNumber).toMatch(ENFORCEMENT_CASE_NUMBER);
      expect(entry.court).toEqual(countyCourt);
      expect(entry.sourceDepartment).toBe(entry.court);
      expect(entry.legalRepresentative).toBe(legalRepresentative);
      expect(entry.filedOn <= entry.publishedOn).toBe(true);
      expect(entry.publishedOn <= DEMO_AS_OF).toBe(true);
      expect(entry.current).toBe(entry.removedOn === null);
      expect(entry.performance === 'FULLY_PERFORMED').toBe(!entry.current);
      // Amounts are AUTHORISED; the published duty must not leak them.
      expect(entry.duty).not.toMatch(/\d/);
    }
    for (const order of courts.consumptionRestrictions) {
      expect(order.id).toMatch(/^courts\.consumption-restriction\.\d+$/);
      expect(order.caseNumber).toMatch(ENFORCEMENT_CASE_NUMBER);
      expect(order.restrictedPersons).toContain(legalRepresentative);
      expect(order.restrictions.length).toBeGreaterThan(0);
      expect(order.current).toBe(order.liftedOn === null);
      // An order is issued in an enforcement case the profile shows.
      expect(courts.enforcementCases.map((c: { caseNumber: string }) => c.caseNumber)).toContain(order.caseNumber);
    }
    for (const enforcement of courts.enforcementCases) {
      expect(enforcement.id).toMatch(/^courts\.enforcement-case\.\d+$/);
      expect(enforcement.caseNumber).toMatch(ENFORCEMENT_CASE_NUMBER);
      expect(enforcement.court).toEqual(countyCourt);
      expect(enforcement.status === 'IN_PROGRESS').toBe(enforcement.concludedOn === null);
    }
    for (const judgment of courts.judgments) {
      expect(judgment.id).toMatch(/^courts\.judgment\.\d+$/);
      expect(judgment.caseNumber).toMatch(JUDGMENT_CASE_NUMBER);
      expect(judgment.court).toEqual(judgment.instance === 'SECOND_INSTANCE' ? `${city}中级人民法院` : countyCourt);
      expect(judgment.decidedOn >= subject.establishedOn).toBe(true);
      expect(judgment.resultSummary).not.toMatch(/\d/);
    }
    const judgmentDays = courts.judgments.map((j: { decidedOn: string }) => j.decidedOn);
    expect(judgmentDays).toEqual([...judgmentDays].sort().reverse());
  });

  it('reaches every courts record type, and every role, status and performance, in the demo data', async () => {
    const profiles = await allProfiles();
    const records = (key: keyof CourtsProfile['courts']) => profiles.flatMap(({ profile }) => profile.courts[key]);

    expect(records('dishonestDebtorEntries').length).toBeGreaterThan(0);
    expect(records('consumptionRestrictions').length).toBeGreaterThan(0);
    expect(records('enforcementCases').length).toBeGreaterThan(0);
    expect(records('judgments').length).toBeGreaterThan(0);

    expect(new Set(records('judgments').map((j) => j.role))).toEqual(new Set(['PLAINTIFF', 'DEFENDANT', 'THIRD_PARTY', 'APPELLANT', 'APPELLEE']));
    expect(new Set(records('enforcementCases').map((c) => c.status))).toEqual(new Set(['IN_PROGRESS', 'CONCLUDED', 'TERMINATED']));
    expect(new Set(records('dishonestDebtorEntries').map((e) => e.performance))).toEqual(
      new Set(['NOT_PERFORMED', 'PARTLY_PERFORMED', 'FULLY_PERFORMED']),
    );
    expect(new Set(records('dishonestDebtorEntries').map((e) => e.current))).toEqual(new Set([true, false]));
    expect(new Set(records('consumptionRestrictions').map((o) => o.current))).toEqual(new Set([true, false]));
  });

  it('lists as dishonest debtors only entities with an enforcement case of the same number, and every serious one', async () => {
    const profiles = await allProfiles();
    let listed = 0;
    for (const { subject, profile } of profiles) {
      const { dishonestDebtorEntries, enforcementCases } = profile.courts;
      const caseNumbers = new Set(enforcementCases.map((c) => c.caseNumber));
      for (const entry of dishonestDebtorEntries) {
        expect(caseNumbers, `${subject.uscc} ${entry.caseNumber}`).toContain(entry.caseNumber);
        listed += 1;
      }
      if (subject.risk === 'SERIOUS') expect(dishonestDebtorEntries.length, subject.uscc).toBeGreaterThan(0);
      // Clean entities may win a case, but nothing is enforced against them.
      if (subject.risk === 'CLEAN') expect(enforcementCases, subject.uscc).toEqual([]);
    }
    expect(listed).toBeGreaterThan(0);
  });

  it('gives an entity without court records empty lists, not errors', async () => {
    const subject = firstSubject((s) => s.kind === 'ENTERPRISE' && Object.values(generatedCounts(s)).every((n) => n === 0));
    const result = await graphql(`query($uscc: USCC!) { entity(uscc: $uscc) { ...PublicCourts } } ${PUBLIC_COURTS}`, { uscc: subject.uscc });

    expect(result.errors).toBeUndefined();
    expect(result.data.entity).toEqual({
      uscc: subject.uscc,
      courts: { dishonestDebtorEntries: [], consumptionRestrictions: [], enforcementCases: [], judgments: [] },
    });
  });
});

describe('batching: court records of many entities cost what one costs', () => {
  it('runs the same number of SQL statements in courts for 100 entities as for 1, at most one per table', async () => {
    const subjects = demoSubjects().slice(0, 100);
    const query = `query($usccs: [USCC!]!) { entities(usccs: $usccs) { ...AllCourts } } ${ALL_COURTS}`;

    const one = await graphql(query, { usccs: [subjects[0].uscc] });
    const hundred = await graphql(query, { usccs: subjects.map((s) => s.uscc) });

    // Access control may deny the AUTHORISED amounts to an anonymous caller; nothing else may fail.
    for (const result of [one, hundred]) expect((result.errors ?? []).filter((e) => e.extensions?.code !== 'FORBIDDEN')).toEqual([]);
    expect(hundred.data.entities.map((e: { uscc: string }) => e.uscc)).toEqual(subjects.map((s) => s.uscc));
    expect(hundred.data.entities.some((e: CourtsProfile) => e.courts.enforcementCases.length > 0)).toBe(true);

    const countForOne = await sqlStatements('courts', one.requestId);
    expect(countForOne).toBeGreaterThan(0);
    // One per record table, and one for the records' disclosure status (kit/disclosure/visibility.ts).
    expect(countForOne).toBeLessThanOrEqual(5);
    expect(await sqlStatements('courts', hundred.requestId)).toBe(countForOne);
  });
});
