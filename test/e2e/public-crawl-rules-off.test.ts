import { createPublicKey } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import type { GraphQLSchema } from 'graphql';
import { chinaToday } from '../../subgraphs/kit/calendar/china-day.ts';
import { addDays } from '../../subgraphs/kit/calendar/dates.ts';
import { createLogger } from '../../subgraphs/kit/runtime/logger.ts';
import { startSubgraph, type RunningSubgraph } from '../../subgraphs/kit/subgraph/subgraph.ts';
import { SUBGRAPHS } from '../../subgraphs/registry.ts';
import { licences, penalties } from '../../subgraphs/market/db/tables.ts';
import { asCaller, uniqueOrganisation } from '../support/access.ts';
import { summarise, type Leak, type LeakKind } from '../support/crawl/checker.ts';
import { computeTruth, type Truth } from '../support/crawl/oracle.ts';
import { crawlAndCheck, grantEveryEntity } from '../support/crawl/run.ts';
import { entitySelection, introspect, type SelectionNode } from '../support/crawl/selection.ts';
import { demoSubjects } from '../support/demo.ts';
import { startOwnGateway } from '../support/own-gateway.ts';
import { createTestEntity, insertRecords, marketLicence, marketPenalty } from '../support/records.ts';
import { headersFor } from '../support/tokens.ts';

// The crawl must fail when a rule is switched off. Each rule module of the kit is replaced, in this
// test's process only, by one that lets everything through when `off.rule` names it; the departments
// are started here (they read the run's databases) behind a gateway of this test's own, and the
// crawl's own checker (not mocked: it is what is being shown to work) must then report leaks of the
// kind that rule prevents. Nothing in the product can switch a rule off: only this mock can.

const off = vi.hoisted(() => ({ rule: 'none' as string }));

vi.mock('../../subgraphs/kit/disclosure/visibility.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../subgraphs/kit/disclosure/visibility.ts')>();
  return {
    ...original,
    // Every record in every caller's view: judged as for government.
    createRequestDisclosure: (db: Parameters<typeof original.createRequestDisclosure>[0], options: Parameters<typeof original.createRequestDisclosure>[1]) =>
      original.createRequestDisclosure(db, off.rule === 'record visibility' ? { ...options, caller: { kind: 'GOVERNMENT', department: 'MARKET' } as never } : options),
  };
});
vi.mock('../../subgraphs/kit/disclosure/publicity-window.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../subgraphs/kit/disclosure/publicity-window.ts')>();
  return { ...original, publicityEndsOn: (...args: Parameters<typeof original.publicityEndsOn>) => (off.rule === 'publicity windows' ? '9999-12-31' : original.publicityEndsOn(...args)) };
});
vi.mock('../../subgraphs/kit/disclosure/exit-periods.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../subgraphs/kit/disclosure/exit-periods.ts')>();
  return { ...original, exitEndsOn: (...args: Parameters<typeof original.exitEndsOn>) => (off.rule === 'exit rules' ? '9999-12-31' : original.exitEndsOn(...args)) };
});
vi.mock('../../subgraphs/kit/disclosure/references.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../subgraphs/kit/disclosure/references.ts')>();
  return { ...original, guardReferences: (...args: Parameters<typeof original.guardReferences>) => (off.rule === 'references' ? undefined : original.guardReferences(...args)) };
});
vi.mock('../../subgraphs/kit/disclosure/natural-persons.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../subgraphs/kit/disclosure/natural-persons.ts')>();
  return { ...original, guardNaturalPersons: (...args: Parameters<typeof original.guardNaturalPersons>) => (off.rule === 'natural persons' ? undefined : original.guardNaturalPersons(...args)) };
});
vi.mock('../../subgraphs/kit/disclosure/personal-identifiers.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../subgraphs/kit/disclosure/personal-identifiers.ts')>();
  return { ...original, guardFreeText: (...args: Parameters<typeof original.guardFreeText>) => (off.rule === 'free-text screen' ? undefined : original.guardFreeText(...args)) };
});

const BANK = uniqueOrganisation('CRAWL-OFF');
const today = chinaToday();

/**
 * The departments and the platform as the rule currently switched off leaves them, behind a gateway
 * of this test's own. The access levels are switched off with the option the permission benchmark
 * uses (`shield: 'off'`), the rest by the mocks above.
 */
async function federationWithout(rule: string) {
  off.rule = rule;
  const started: RunningSubgraph[] = [];
  const urls: Record<string, string> = {};
  let platformUrl: string | undefined;
  // The platform first: the departments ask it for grants; it reads `urls` only when it asks them.
  for (const definition of [...SUBGRAPHS].sort((a, b) => Number(b.name === 'platform') - Number(a.name === 'platform'))) {
    const running = await startSubgraph(definition, {
      databaseUrl: inject('databaseUrls')[definition.name],
      port: 0,
      migrate: false,
      poolSize: 2,
      logger: createLogger('test'),
      gatewayPublicKey: createPublicKey({ key: inject('callerKeys').publicJwk as import('node:crypto').JsonWebKey, format: 'jwk' }),
      platformUrl,
      departmentUrls: urls,
      shield: rule === 'access levels' ? 'off' : undefined,
    });
    if (definition.name === 'platform') platformUrl = running.url.replace(/\/graphql$/, '');
    started.push(running);
    urls[definition.name] = running.url;
  }
  const gateway = await startOwnGateway({ subgraphUrls: urls });
  return {
    url: gateway.url,
    stop: async () => {
      await gateway.stop();
      await Promise.all(started.map((d) => d.stop()));
    },
  };
}

describe('the crawl fails when a rule is switched off', () => {
  let schema: GraphQLSchema;
  let selection: SelectionNode[];
  let usccs: string[];
  let bankHeaders: Record<string, string>;

  beforeAll(async () => {
    schema = await introspect(inject('gatewayUrl'));
    selection = entitySelection(schema);
    // Demo data holds no personal identifier in free text (it is screened at the door): one entity of
    // this test's own carries a mobile number in a penalty's facts and an ID number in a licence.
    const planted = await createTestEntity('爬取个人信息');
    await insertRecords('market', 'penalty', penalties, [marketPenalty(planted, addDays(today, -10), { facts: '经查，当事人经营者（联系电话13912345678）存在虚假宣传的行为。' })]);
    await insertRecords('market', 'licence', licences, [marketLicence(planted, addDays(today, -10), { content: '预包装食品销售（经营者身份证号210602199003071230）' })]);
    // And an objection of its own to that penalty: the case file (its reason) is the entity's and government's.
    const [disputed] = await insertRecords('market', 'penalty', penalties, [marketPenalty(planted, addDays(today, -9))]);
    const filed = await asCaller({ kind: 'SUBJECT', uscc: planted }, `mutation($input: ObjectionInput!) { fileObjection(input: $input) { id } }`, {
      input: { recordId: disputed, reason: '经营者称处罚认定的事实与现场记录不符，申请复核' },
    });
    expect(filed.errors).toBeUndefined();
    // A sample of the demo entities that gives each rule something to hide: entities with records
    // out of view (and names only those records carry), and individual businesses.
    const demo = demoSubjects().map((s) => s.uscc);
    const truth: Truth = await computeTruth(inject('databaseUrls'), demo);
    const entities = [...truth.entities.values()];
    const pick = (predicate: (e: (typeof entities)[number]) => boolean, n: number) => entities.filter(predicate).slice(0, n).map((e) => e.uscc);
    usccs = [
      ...new Set([
        ...pick((e) => e.records.some((r) => r.state === 'EXPIRED' && r.id.includes('.penalty.')), 15),
        // Settled arrears and performed enforcement cases past their exit period.
        ...pick((e) => e.records.some((r) => r.state === 'EXPIRED' && !r.id.includes('.penalty.')), 10),
        ...pick((e) => e.hiddenNames.size > 0, 40),
        ...pick((e) => e.records.some((r) => r.state === 'UNPUBLISHED' || r.state === 'SUPERSEDED' || r.state === 'REMOVED'), 15),
        ...pick((e) => e.operator !== null, 10),
        planted,
      ]),
    ];
    await grantEveryEntity(inject('databaseUrls').platform, BANK, usccs, today);
    bankHeaders = await headersFor({ kind: 'INSTITUTION', organisation: BANK, purpose: 'LOAN_APPROVAL' });
  }, 60_000);

  afterAll(() => {
    off.rule = 'none';
  });

  async function leaksWithout(rule: string): Promise<Leak[]> {
    const federation = await federationWithout(rule);
    try {
      const { reports } = await crawlAndCheck({
        gatewayUrl: federation.url,
        databaseUrls: inject('databaseUrls'),
        schema,
        selection,
        usccs,
        callers: [
          { label: 'anonymous', headers: {} },
          { label: 'authorised bank', headers: bankHeaders },
        ],
      });
      return reports.flatMap((r) => r.leaks);
    } finally {
      await federation.stop();
    }
  }

  it('with every rule in place, the same departments started here leak nothing', async () => {
    expect(summarise(await leaksWithout('none'))).toEqual([]);
  }, 60_000);

  const cases: [rule: string, kinds: LeakKind[], where?: RegExp][] = [
    ['record visibility', ['OUT_OF_VIEW_RECORD']],
    ['publicity windows', ['OUT_OF_VIEW_RECORD']],
    ['exit rules', ['OUT_OF_VIEW_RECORD']],
    // Records stay hidden; only the fields naming them (and records carried by them) let the names through.
    ['references', ['OUT_OF_VIEW_RECORD'], /^(Exceedance\.penaltyDecisionNumber|TaxCommitment\.|EnvironmentalBlacklistEntry\.reason|DishonestDebtorEntry\.|ConsumptionRestrictionOrder\.)/],
    ['natural persons', ['OPERATOR_NAME', 'OPERATOR_CAPITAL', 'OPERATOR_RESIDENCE']],
    ['free-text screen', ['PERSONAL_IDENTIFIER']],
    // Every field to every caller: INTERNAL ID numbers, the objection's case file.
    ['access levels', ['PERSONAL_IDENTIFIER', 'CASE_FILE']],
  ];
  for (const [rule, kinds, where] of cases) {
    it(`${rule} switched off: the crawl reports ${kinds.join(', ')}`, async () => {
      const leaks = await leaksWithout(rule);
      for (const kind of kinds) expect(leaks.filter((l) => l.kind === kind).length, `${kind} leaks without ${rule}: ${summarise(leaks).join('; ')}`).toBeGreaterThan(0);
      if (where) expect(leaks.filter((l) => !where.test(l.where)).map((l) => `${l.where}: ${l.detail}`)).toEqual([]);
      if (rule === 'publicity windows') expect(leaks.some((l) => l.detail.includes('(EXPIRED)'))).toBe(true);
      if (rule === 'exit rules') expect(leaks.some((l) => /(tax\.arrears|courts\.enforcement-case)\.\d+.*\(EXPIRED\)/.test(l.detail))).toBe(true);
      if (rule === 'free-text screen') expect(new Set(leaks.map((l) => l.detail.split(' ')[0]))).toEqual(new Set(['mobile', 'ID']));
    }, 60_000);
  }
});
