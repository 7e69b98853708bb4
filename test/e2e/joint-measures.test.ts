import { createPrivateKey, createPublicKey } from 'node:crypto';
import { createServer as createTcpServer } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readGatewayOptions } from '../../gateway/config.ts';
import { startGateway, type RunningGateway } from '../../gateway/gateway.ts';
import { dishonestDebtors, courtsTables } from '../../subgraphs/courts/db/tables.ts';
import { chinaToday } from '../../subgraphs/kit/calendar/china-day.ts';
import { openDatabase } from '../../subgraphs/kit/db/database.ts';
import { createLogger } from '../../subgraphs/kit/runtime/logger.ts';
import { makeUscc } from '../../subgraphs/kit/identifiers/uscc.ts';
import { entities, marketTables } from '../../subgraphs/market/db/tables.ts';
import { MEASURE_CATALOGUE } from '../../subgraphs/platform/db/catalogue.ts';
import { jointMeasures, platformTables } from '../../subgraphs/platform/db/tables.ts';
import { latestPublishedTaxYear } from '../../subgraphs/platform/lists/listings.ts';
import { asCaller } from '../support/access.ts';
import { demoSubjects } from '../support/demo.ts';
import { graphql, sqlStatements, type GraphQLResult } from '../support/graphql.ts';
import { GOVERNMENT, headersFor, type TestCaller } from '../support/tokens.ts';

// Red and black lists in one place, joint rewards and punishments, and eligibility checks, through the
// gateway with real callers on the real databases. Listings are asserted against the departments' own
// list fields in the same response, never against hard-coded values.

const LISTING = 'listType listName colour department sourceDepartment sourceRecordId year reference reason authority listedOn removedOn removalReason current disputed basis';
const MEASURE = 'code name kind effect content triggers contexts basis scope region regionName';

/** The departments' own list fields, and the platform's composition of them, for the same entities. */
const PROFILE = /* GraphQL */ `
  fragment ListProfile on Entity {
    uscc
    market {
      abnormalOperations { id listedOn removedOn current }
      seriousViolations { id listedOn removedOn current }
    }
    tax { aGradeYears violationCases { id listedOn removedOn current } }
    courts {
      dishonestDebtorEntries { id publishedOn removedOn current }
      consumptionRestrictions { id issuedOn liftedOn current }
    }
    environment {
      creditEvaluations { id year response publishedOn }
      blacklistEntries { id listedOn removedOn current }
    }
    listings { ${LISTING} }
    jointMeasures { measure { code kind effect contexts } listing { listType sourceRecordId current } basis }
  }
`;

type Listing = Record<string, any>;
type Profile = Record<string, any> & { uscc: string; listings: Listing[]; jointMeasures: Record<string, any>[] };

function noErrors(result: GraphQLResult): void {
  expect(result.errors ?? []).toEqual([]);
}

async function profilesOf(usccs: string[], caller: TestCaller = { kind: 'ANONYMOUS' }): Promise<Profile[]> {
  const result = await asCaller(caller, `query($usccs: [USCC!]!) { entities(usccs: $usccs) { ...ListProfile } } ${PROFILE}`, { usccs });
  noErrors(result);
  return result.data.entities;
}

/** Every demo subject's list profile, a page of 100 at a time, for the given caller. */
async function allProfiles(caller: TestCaller = { kind: 'ANONYMOUS' }): Promise<Profile[]> {
  const subjects = demoSubjects();
  const found: Profile[] = [];
  for (let from = 0; from < subjects.length; from += 100) found.push(...(await profilesOf(subjects.slice(from, from + 100).map((s) => s.uscc), caller)));
  return found;
}

/** What the departments' own fields say each list holds: [list type, record id, current, listed, removed]. */
function expectedFromDepartments(p: Profile): [string, string, boolean, string | null, string | null][] {
  const rows: [string, string, boolean, string | null, string | null][] = [];
  const add = (type: string, entries: any[], listed: string, removed: string) =>
    entries.forEach((e) => rows.push([type, e.id, e.current, e[listed], e[removed]]));
  add('ABNORMAL_OPERATIONS', p.market.abnormalOperations, 'listedOn', 'removedOn');
  add('SERIOUS_VIOLATION', p.market.seriousViolations, 'listedOn', 'removedOn');
  add('MAJOR_TAX_VIOLATION', p.tax.violationCases, 'listedOn', 'removedOn');
  add('DISHONEST_JUDGMENT_DEBTOR', p.courts.dishonestDebtorEntries, 'publishedOn', 'removedOn');
  add('CONSUMPTION_RESTRICTION', p.courts.consumptionRestrictions, 'issuedOn', 'liftedOn');
  add('ENVIRONMENTAL_BLACKLIST', p.environment.blacklistEntries, 'listedOn', 'removedOn');
  return rows.sort();
}

function recordListings(p: Profile) {
  return p.listings
    .filter((l) => l.sourceRecordId !== null && !l.listType.startsWith('ENVIRONMENTAL_CREDIT'))
    .map((l) => [l.listType, l.sourceRecordId, l.current, l.listedOn, l.removedOn])
    .sort();
}

const currentBlack = (p: Profile) => p.listings.filter((l) => l.current && l.colour === 'BLACK');
const departmentsOf = (listings: Listing[]) => new Set(listings.map((l) => l.department));

let anonymousProfiles: Profile[];
let governmentProfiles: Profile[];

beforeAll(async () => {
  [anonymousProfiles, governmentProfiles] = await Promise.all([allProfiles(), allProfiles(GOVERNMENT)]);
});

describe('Entity.listings: red and black lists in one place', () => {
  it('gathers an entity’s entries from several departments, each as its department publishes it', async () => {
    const listed = anonymousProfiles.find((p) => departmentsOf(p.listings.filter((l) => l.colour !== 'RED')).size >= 3);
    expect(listed, 'a demo subject on lists of three departments').toBeDefined();
    const profile = listed!;
    expect(recordListings(profile)).toEqual(expectedFromDepartments(profile));
    for (const listing of profile.listings) {
      expect(listing.listName.length).toBeGreaterThan(0);
      expect(listing.basis).toMatch(/《.+》/);
      expect(['MARKET', 'TAX', 'COURTS', 'ENVIRONMENT']).toContain(listing.department);
      expect(listing.colour).toBe(
        ({ A_GRADE_TAXPAYER: 'RED', ENVIRONMENTAL_CREDIT_GOOD: 'RED', ABNORMAL_OPERATIONS: 'WARNING', ENVIRONMENTAL_CREDIT_WARNING: 'WARNING' } as Record<string, string>)[listing.listType] ?? 'BLACK',
      );
    }
    // Current entries first.
    const flags = profile.listings.map((l) => l.current);
    expect(flags).toEqual([...flags].sort((a, b) => Number(b) - Number(a)));
  });

  it('agrees with the departments for every demo subject, for the public and for government', () => {
    for (const profile of [...anonymousProfiles, ...governmentProfiles]) expect(recordListings(profile), profile.uscc).toEqual(expectedFromDepartments(profile));
    expect(anonymousProfiles.some((p) => currentBlack(p).length > 0)).toBe(true);
  });

  it('shows red lists for an A-grade taxpayer with a good environmental grade, and the rewards they bring', () => {
    const latest = latestPublishedTaxYear(chinaToday());
    const newest = (p: Profile) => [...p.environment.creditEvaluations].sort((a, b) => b.year - a.year)[0];
    const profile = anonymousProfiles.find((p) => p.tax.aGradeYears.includes(latest) && newest(p)?.response === 'ENCOURAGE');
    expect(profile, 'a demo subject rated A last year with an encouraged environmental grade').toBeDefined();
    const red = profile!.listings.filter((l) => l.colour === 'RED');

    const aGrades = red.filter((l) => l.listType === 'A_GRADE_TAXPAYER');
    expect(aGrades.map((l) => l.year).sort()).toEqual([...profile!.tax.aGradeYears].sort());
    for (const l of aGrades) expect([l.year, l.current]).toEqual([l.year, l.year === latest]);
    const good = red.find((l) => l.listType === 'ENVIRONMENTAL_CREDIT_GOOD' && l.current);
    expect(good).toMatchObject({ sourceRecordId: newest(profile!).id, year: newest(profile!).year, department: 'ENVIRONMENT' });

    const rewards = profile!.jointMeasures.filter((m) => m.measure.kind === 'REWARD');
    expect(rewards.map((m) => m.measure.code)).toEqual(expect.arrayContaining(['NAT-GREEN-CHANNEL', 'NAT-DEFERRED-DOCUMENTS', 'NAT-FEWER-INSPECTIONS', 'NAT-CREDIT-LOANS']));
    expect(new Set(rewards.map((m) => m.listing.listType))).toEqual(new Set(['A_GRADE_TAXPAYER', 'ENVIRONMENTAL_CREDIT_GOOD']));
  });

  it('keeps removed entries as history, not current, and lets them trigger nothing', async () => {
    const withHistory = governmentProfiles.find((p) => p.courts.dishonestDebtorEntries.some((e: any) => !e.current));
    expect(withHistory, 'a demo subject with a removed dishonest-debtor entry').toBeDefined();
    const removed = withHistory!.courts.dishonestDebtorEntries.find((e: any) => !e.current);
    const listing = withHistory!.listings.find((l) => l.sourceRecordId === removed.id);
    expect(listing).toMatchObject({ listType: 'DISHONEST_JUDGMENT_DEBTOR', current: false, removedOn: removed.removedOn });
    expect(listing!.removedOn).not.toBeNull();
    expect(withHistory!.jointMeasures.map((m) => m.listing.sourceRecordId)).not.toContain(removed.id);
    expect(withHistory!.jointMeasures.every((m) => m.listing.current)).toBe(true);

    // The public sees current entries only, as the department shows them.
    const publicView = anonymousProfiles.find((p) => p.uscc === withHistory!.uscc)!;
    expect(publicView.listings.map((l) => l.sourceRecordId)).not.toContain(removed.id);
    const current = await asCaller(GOVERNMENT, `query($uscc: USCC!) { entity(uscc: $uscc) { listings(current: true) { current } } }`, { uscc: withHistory!.uscc });
    noErrors(current);
    expect(current.data.entity.listings.every((l: Listing) => l.current)).toBe(true);
  });
});

describe('Entity.jointMeasures: joint rewards and punishments in force', () => {
  it('applies the national list everywhere and a local supplement only in its region', () => {
    const red = (p: Profile) => p.listings.some((l) => l.current && l.colour === 'RED');
    const dandong = anonymousProfiles.find((p) => p.uscc.slice(2, 6) === '2106' && red(p))!;
    const puyang = anonymousProfiles.find((p) => p.uscc.slice(2, 6) === '4109' && red(p))!;
    expect(dandong.jointMeasures.map((m) => m.measure.code)).toContain('DD-PRIORITY-SUPPORT');
    expect(puyang.jointMeasures.map((m) => m.measure.code)).not.toContain('DD-PRIORITY-SUPPORT');
    expect(puyang.jointMeasures.map((m) => m.measure.code)).toContain('NAT-GREEN-CHANNEL');

    const liaoningBlack = anonymousProfiles.find((p) => p.uscc.slice(2, 4) === '21' && currentBlack(p).some((l) => l.listType === 'DISHONEST_JUDGMENT_DEBTOR'))!;
    expect(liaoningBlack.jointMeasures.map((m) => m.measure.code)).toEqual(expect.arrayContaining(['NAT-PROCUREMENT-BAN', 'LN-SUPPLEMENT-SERIOUS-DISHONESTY']));
    for (const m of liaoningBlack.jointMeasures) expect(m.basis.length).toBeGreaterThan(10);
  });

  it('reads the catalogue from the platform’s database, national list and local supplement', async () => {
    const result = await graphql(`{ jointMeasureCatalogue { ${MEASURE} } listTypes { code name colour department basis } }`);
    noErrors(result);
    const measures: Record<string, any>[] = result.data.jointMeasureCatalogue;

    const database = openDatabase(platformTables, { url: inject('databaseUrls').platform, poolSize: 1 });
    try {
      const rows = await database.db.select({ code: jointMeasures.code }).from(jointMeasures);
      expect(measures.map((m) => m.code).sort()).toEqual(rows.map((r) => r.code).sort());
    } finally {
      await database.close();
    }
    expect(measures.map((m) => m.code)).toEqual(expect.arrayContaining(MEASURE_CATALOGUE.map((m) => m.code)));
    expect(new Set(measures.map((m) => m.scope))).toEqual(new Set(['NATIONAL', 'LOCAL']));
    const procurement = measures.find((m) => m.code === 'NAT-PROCUREMENT-BAN')!;
    expect(procurement).toMatchObject({ kind: 'PUNISHMENT', effect: 'BAR', contexts: ['GOVERNMENT_PROCUREMENT'], scope: 'NATIONAL', region: null });
    expect(procurement.triggers).toContain('DISHONEST_JUDGMENT_DEBTOR');
    expect(procurement.basis).toContain('发改财金〔2016〕141号');
    expect(measures.find((m) => m.code === 'DD-PRIORITY-SUPPORT')).toMatchObject({ scope: 'LOCAL', region: '2106', regionName: '丹东市' });
    expect(result.data.listTypes.map((l: { code: string }) => l.code)).toContain('A_GRADE_TAXPAYER');

    const puyang = await graphql(`{ jointMeasureCatalogue(region: "410902", kind: PUNISHMENT, context: BIDDING) { code scope } }`);
    noErrors(puyang);
    expect(puyang.data.jointMeasureCatalogue.length).toBeGreaterThan(0);
    expect(puyang.data.jointMeasureCatalogue.every((m: { scope: string }) => m.scope === 'NATIONAL')).toBe(true);
  });
});

const ELIGIBILITY = /* GraphQL */ `
  query($uscc: USCC!, $context: EligibilityContext!) {
    entity(uscc: $uscc) {
      eligibility(context: $context) {
        context outcome allowed incomplete unavailableDepartments asOf
        reasons { measure { code effect } listing { listType department sourceRecordId current } basis }
        rewards { measure { code } }
      }
    }
  }
`;

describe('Entity.eligibility: may this entity take part?', () => {
  it('bars a dishonest judgment debtor from government procurement, naming the measure, the listing and its basis', async () => {
    const debtor = anonymousProfiles.find((p) => currentBlack(p).some((l) => l.listType === 'DISHONEST_JUDGMENT_DEBTOR'))!;
    const entry = debtor.courts.dishonestDebtorEntries.find((e: any) => e.current);
    const result = await asCaller(GOVERNMENT, ELIGIBILITY, { uscc: debtor.uscc, context: 'GOVERNMENT_PROCUREMENT' });
    noErrors(result);
    const answer = result.data.entity.eligibility;
    expect(answer).toMatchObject({ context: 'GOVERNMENT_PROCUREMENT', outcome: 'BARRED', allowed: false, incomplete: false, unavailableDepartments: [], asOf: chinaToday() });
    const reason = answer.reasons.find((r: any) => r.listing.sourceRecordId === entry.id);
    expect(reason).toMatchObject({ measure: { code: 'NAT-PROCUREMENT-BAN', effect: 'BAR' }, listing: { listType: 'DISHONEST_JUDGMENT_DEBTOR', department: 'COURTS', current: true } });
    expect(reason.basis).toContain('《中华人民共和国政府采购法》第二十二条');
  });

  it('allows an entity with no current black-list entry, and gives its rewards', async () => {
    const latest = latestPublishedTaxYear(chinaToday());
    const clean = anonymousProfiles.find((p) => currentBlack(p).length === 0 && p.listings.length > 0 && p.tax.aGradeYears.includes(latest))!;
    const result = await asCaller(GOVERNMENT, ELIGIBILITY, { uscc: clean.uscc, context: 'ADMINISTRATIVE_APPROVAL' });
    noErrors(result);
    expect(result.data.entity.eligibility).toMatchObject({ outcome: 'ALLOWED', allowed: true, incomplete: false });
    expect(result.data.entity.eligibility.rewards.map((r: any) => r.measure.code)).toEqual(expect.arrayContaining(['NAT-GREEN-CHANNEL', 'NAT-DEFERRED-DOCUMENTS']));
  });

  it('answers government and the entity itself, logs each check, and refuses everyone else', async () => {
    const subject = anonymousProfiles[0].uscc;
    const other = anonymousProfiles[1].uscc;
    const variables = { uscc: subject, context: 'BIDDING' };
    const outcome = (r: GraphQLResult) => (r.errors?.length ? `${r.errors[0].extensions?.code}:${r.errors[0].extensions?.reason}` : r.data.entity.eligibility.outcome);

    expect(outcome(await asCaller({ kind: 'ANONYMOUS' }, ELIGIBILITY, variables))).toBe('FORBIDDEN:LEVEL');
    expect(outcome(await asCaller({ kind: 'SUBJECT', uscc: other }, ELIGIBILITY, variables))).toBe('FORBIDDEN:LEVEL');
    expect(outcome(await asCaller({ kind: 'INSTITUTION', organisation: 'BANK-DEMO-001', purpose: 'LOAN_APPROVAL' }, ELIGIBILITY, variables))).toMatch(/^FORBIDDEN:/);
    expect(outcome(await asCaller({ kind: 'SUBJECT', uscc: subject }, ELIGIBILITY, variables))).toMatch(/^(ALLOWED|BARRED)$/);

    const checked = await asCaller(GOVERNMENT, ELIGIBILITY, variables);
    noErrors(checked);
    const log = await asCaller(GOVERNMENT, `query($rid: String!) { accessLog(requestId: $rid) { nodes { uscc domain fields department } } }`, { rid: checked.requestId });
    noErrors(log);
    expect(log.data.accessLog.nodes).toEqual([{ uscc: subject, domain: 'PLATFORM', fields: ['Entity.eligibility'], department: 'MARKET' }]);
  });
});

describe('listings removed: by the court, and by credit repair', () => {
  // The entity is the test's own: registered in market and listed twice by a court through the
  // departments' own database modules, outside the demo regions so no other suite meets it, and deleted
  // afterwards. One entry is removed as a court records a removal (no department offers an API for
  // that: removed_on, a reason, performance); the other through the platform's credit-repair API
  // (the entity applies, the court approves).
  const uscc = makeUscc('9', '1', '350102', `MA${String(Date.now() % 1_000_000).padStart(6, '0')}`);
  const sourceIds = [`joint-measures-removed-${uscc}`, `joint-measures-repaired-${uscc}`];
  const market = openDatabase(marketTables, { url: inject('databaseUrls').market, poolSize: 1 });
  const courts = openDatabase(courtsTables, { url: inject('databaseUrls').courts, poolSize: 1 });
  const COURTS_GOVERNMENT: TestCaller = { kind: 'GOVERNMENT', department: 'COURTS' };

  beforeAll(async () => {
    await market.db.insert(entities).values({
      uscc,
      name: '福州联合奖惩测试贸易有限公司',
      entityType: 'ENTERPRISE',
      legalRepresentative: '测试',
      registeringAuthority: '福州市鼓楼区市场监督管理局',
      regionCode: '350102',
      status: 'ACTIVE',
      establishedOn: '2018-05-04',
    });
    await courts.db.insert(dishonestDebtors).values(
      sourceIds.map((sourceId, n) => ({
        uscc,
        sourceDepartment: '福州市鼓楼区人民法院',
        sourceId,
        caseNumber: `（2026）闽0102执${n + 1}号`,
        court: '福州市鼓楼区人民法院',
        filedOn: '2026-01-05',
        basisDocumentNumber: `（2025）闽0102民初${n + 1}号`,
        basisIssuer: '福州市鼓楼区人民法院',
        duty: '支付货款及利息',
        performance: 'NOT_PERFORMED' as const,
        conduct: '有履行能力而拒不履行生效法律文书确定义务',
        legalRepresentative: '测试',
        outstandingAmount: '100000.00',
        publishedOn: `2026-03-0${n + 1}`,
      })),
    );
  });

  afterAll(async () => {
    for (const sourceId of sourceIds) await courts.db.delete(dishonestDebtors).where(eq(dishonestDebtors.sourceId, sourceId));
    await market.db.delete(entities).where(eq(entities.uscc, uscc));
    await Promise.all([market.close(), courts.close()]);
  });

  const CHECK = `query($uscc: USCC!) { entity(uscc: $uscc) { listings { sourceRecordId current removedOn } jointMeasures { measure { code } } eligibility(context: BIDDING) { outcome allowed reasons { measure { code } listing { listType sourceRecordId } } } } }`;

  it('bars the entity while either entry stands, and allows it once both are gone', async () => {
    const before = await asCaller(GOVERNMENT, CHECK, { uscc });
    noErrors(before);
    const ids: string[] = before.data.entity.listings.map((l: Listing) => l.sourceRecordId);
    expect(ids).toHaveLength(2);
    expect(before.data.entity.eligibility).toMatchObject({ outcome: 'BARRED', allowed: false });
    expect(before.data.entity.eligibility.reasons.map((r: any) => [r.measure.code, r.listing.listType])).toEqual([
      ['NAT-BIDDING-BAN', 'DISHONEST_JUDGMENT_DEBTOR'],
      ['NAT-BIDDING-BAN', 'DISHONEST_JUDGMENT_DEBTOR'],
    ]);

    // The court removes the first entry: performed in full.
    await courts.db
      .update(dishonestDebtors)
      .set({ removedOn: chinaToday(), removalReason: '被执行人已全部履行生效法律文书确定的义务', performance: 'FULLY_PERFORMED', outstandingAmount: '0.00' })
      .where(eq(dishonestDebtors.sourceId, sourceIds[0]));
    const middle = await asCaller(GOVERNMENT, CHECK, { uscc });
    noErrors(middle);
    const [removed, stillListed] = [middle.data.entity.listings.find((l: Listing) => !l.current), middle.data.entity.listings.find((l: Listing) => l.current)?.sourceRecordId];
    expect(removed.removedOn).toBe(chinaToday());
    expect(middle.data.entity.eligibility.outcome).toBe('BARRED');
    expect(middle.data.entity.eligibility.reasons.map((r: any) => r.listing.sourceRecordId)).toEqual([stillListed]);

    // The second is repaired: the entity applies, the court approves.
    const applied = await asCaller(
      { kind: 'SUBJECT', uscc },
      `mutation($input: CreditRepairInput!) { applyForCreditRepair(input: $input) { id } }`,
      { input: { uscc, recordId: stillListed, reason: '已履行全部义务，承诺今后诚信经营' } },
    );
    noErrors(applied);
    const approved = await asCaller(COURTS_GOVERNMENT, `mutation($id: ID!) { decideCreditRepair(id: $id, decision: APPROVE, reason: "核实无误，同意修复") { status } }`, {
      id: applied.data.applyForCreditRepair.id,
    });
    noErrors(approved);

    const after = await asCaller(GOVERNMENT, CHECK, { uscc });
    noErrors(after);
    expect(after.data.entity.listings.map((l: Listing) => l.current)).toEqual([false, false]);
    expect(after.data.entity.jointMeasures).toEqual([]);
    expect(after.data.entity.eligibility).toEqual({ outcome: 'ALLOWED', allowed: true, reasons: [] });
    // The public no longer sees either entry: history is not a listing.
    const publicView = await graphql(`query($uscc: USCC!) { entity(uscc: $uscc) { listings { sourceRecordId } } }`, { uscc });
    noErrors(publicView);
    expect(publicView.data.entity.listings).toEqual([]);
  });
});

describe('a department out of service', () => {
  let gateway: RunningGateway;

  beforeAll(async () => {
    const server = createTcpServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise((resolve) => server.close(resolve));
    const issuer = inject('testIssuer');
    gateway = await startGateway(
      {
        ...readGatewayOptions({}),
        port: 0,
        subgraphTimeoutMs: 800,
        subgraphUrls: { ...inject('subgraphUrls'), courts: `http://127.0.0.1:${port}/graphql` },
        callerSigningKey: createPrivateKey({ key: inject('callerKeys').privateJwk as import('node:crypto').JsonWebKey, format: 'jwk' }),
        auth: { issuers: [{ issuer: issuer.issuer, key: createPublicKey({ key: issuer.publicJwk as import('node:crypto').JsonWebKey, format: 'jwk' }) }], devIssuerPath: inject('devIssuerFile') },
      },
      createLogger('test'),
    );
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  const QUERY = /* GraphQL */ `
    query($uscc: USCC!) {
      entity(uscc: $uscc) {
        uscc name
        listings { listType }
        jointMeasures { measure { code } }
        eligibility(context: GOVERNMENT_PROCUREMENT) {
          outcome allowed incomplete unavailableDepartments
          reasons { measure { code } listing { department } }
        }
      }
    }
  `;

  async function withCourtsDown(uscc: string) {
    return graphql(QUERY, { uscc }, { url: gateway.url, headers: await headersFor(GOVERNMENT) });
  }

  function expectListingsWithheld(result: GraphQLResult): void {
    expect(result.data.entity.name).toEqual(expect.any(String));
    expect(result.data.entity.listings).toBeNull();
    expect(result.data.entity.jointMeasures).toBeNull();
    const withheld = result.errors!.filter((e) => e.path?.join('.') === 'entity.listings' || e.path?.join('.') === 'entity.jointMeasures');
    expect(withheld).toHaveLength(2);
    for (const error of withheld) expect(error.extensions).toMatchObject({ code: 'DEPARTMENT_UNAVAILABLE', departments: ['courts'] });
    expect(result.errors!.some((e) => e.extensions?.code === 'DEPARTMENT_UNAVAILABLE' && e.extensions?.department === 'courts' && !e.path)).toBe(true);
  }

  it('never answers ALLOWED for an entity nothing else bars: UNDETERMINED, naming the department', async () => {
    const clean = anonymousProfiles.find((p) => p.listings.every((l) => l.colour === 'RED'))!;
    const result = await withCourtsDown(clean.uscc);
    expectListingsWithheld(result);
    expect(result.data.entity.eligibility).toEqual({ outcome: 'UNDETERMINED', allowed: false, incomplete: true, unavailableDepartments: ['courts'], reasons: [] });
  });

  it('still bars on what the other departments show', async () => {
    const barredElsewhere = anonymousProfiles.find((p) => currentBlack(p).some((l) => l.department !== 'COURTS' && ['SERIOUS_VIOLATION', 'MAJOR_TAX_VIOLATION', 'ENVIRONMENTAL_BLACKLIST'].includes(l.listType)))!;
    const result = await withCourtsDown(barredElsewhere.uscc);
    expectListingsWithheld(result);
    const answer = result.data.entity.eligibility;
    expect(answer).toMatchObject({ outcome: 'BARRED', allowed: false, incomplete: true, unavailableDepartments: ['courts'] });
    expect(answer.reasons.length).toBeGreaterThan(0);
    expect(answer.reasons.every((r: any) => r.listing.department !== 'COURTS')).toBe(true);
  });
});

describe('listings asked of the platform without the departments’ fields', () => {
  it('are refused as a bad request, never answered as an empty list', async () => {
    const uscc = anonymousProfiles[0].uscc;
    const result = await graphql(
      `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Entity { listings { listType } } } }`,
      { representations: [{ __typename: 'Entity', uscc }] },
      { url: inject('subgraphUrls').platform },
    );
    expect(result.data._entities[0].listings).toBeNull();
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_REQUEST']);
  });
});

describe('batching: listings and measures of many entities cost the platform what one costs', () => {
  it('runs the same number of SQL statements in the platform for 100 entities as for 1', async () => {
    const usccs = demoSubjects().slice(0, 100).map((s) => s.uscc);
    const query = `query($usccs: [USCC!]!) { entities(usccs: $usccs) { listings { listType current } jointMeasures { measure { code } listing { listType } } } }`;
    const one = await graphql(query, { usccs: usccs.slice(0, 1) });
    const hundred = await graphql(query, { usccs });
    noErrors(one);
    noErrors(hundred);
    expect(hundred.data.entities.some((e: Profile) => e.jointMeasures.length > 0)).toBe(true);
    const countForOne = await sqlStatements('platform', one.requestId);
    expect(countForOne).toBeGreaterThan(0);
    // The catalogue (list types, measures) and the platform's own entries (broken commitments): one statement each.
    expect(countForOne).toBeLessThanOrEqual(3);
    expect(await sqlStatements('platform', hundred.requestId)).toBe(countForOne);
  });

  it('does the same for eligibility checks by government, the access log included', async () => {
    const usccs = demoSubjects().slice(0, 100).map((s) => s.uscc);
    const query = `query($usccs: [USCC!]!) { entities(usccs: $usccs) { eligibility(context: BIDDING) { outcome } } }`;
    const one = await asCaller(GOVERNMENT, query, { usccs: usccs.slice(0, 1) });
    const hundred = await asCaller(GOVERNMENT, query, { usccs });
    noErrors(one);
    noErrors(hundred);
    expect(new Set(hundred.data.entities.map((e: any) => e.eligibility.outcome))).toEqual(new Set(['ALLOWED', 'BARRED']));
    expect(await sqlStatements('platform', hundred.requestId)).toBe(await sqlStatements('platform', one.requestId));
  });
});
