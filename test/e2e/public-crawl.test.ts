import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { GraphQLSchema } from 'graphql';
import { chinaToday } from '../../subgraphs/kit/calendar/china-day.ts';
import { uniqueOrganisation } from '../support/access.ts';
import { summarise } from '../support/crawl/checker.ts';
import { crawlAndCheck, grantEveryEntity, type CrawlReport } from '../support/crawl/run.ts';
import type { Truth } from '../support/crawl/oracle.ts';
import { entitySelection, fieldCount, introspect, type SelectionNode } from '../support/crawl/selection.ts';
import { demoSubjects } from '../support/demo.ts';
import { headersFor } from '../support/tokens.ts';

// The public crawl: every demo entity, every field the gateway's schema offers, asked anonymously and
// as a bank every entity has authorised, and every answer searched for what must not leave the
// platform. What is out of view is computed from the departments' rows and the published rules
// (support/crawl/oracle.ts), never asked of the gateway. public-crawl-rules-off.test.ts shows that
// the same check fails when the kit stops applying any one rule.

const BANK = uniqueOrganisation('CRAWL');
const USCCS = demoSubjects().map((s) => s.uscc);

describe('the public crawl: every demo entity, anonymously and as an authorised bank', () => {
  let schema: GraphQLSchema;
  let selection: SelectionNode[];
  let truth: Truth;
  let reports: CrawlReport[];
  let total = 0;

  beforeAll(async () => {
    const started = performance.now();
    schema = await introspect(inject('gatewayUrl'));
    selection = entitySelection(schema);
    await grantEveryEntity(inject('databaseUrls').platform, BANK, USCCS, chinaToday());
    ({ truth, reports } = await crawlAndCheck({
      gatewayUrl: inject('gatewayUrl'),
      databaseUrls: inject('databaseUrls'),
      schema,
      selection,
      usccs: USCCS,
      callers: [
        { label: 'anonymous', headers: {} },
        { label: `${BANK} (authorised, LOAN_APPROVAL)`, headers: await headersFor({ kind: 'INSTITUTION', organisation: BANK, purpose: 'LOAN_APPROVAL' }) },
      ],
    }));
    total = Math.round(performance.now() - started);
    // Measured, not asserted (no timed assertions): the figure the README quotes.
    console.info(
      `public crawl: ${USCCS.length} entities, ${fieldCount(selection)} fields selected; ` +
        reports.map((r) => `${r.caller}: ${r.result.requests} requests (${r.result.operationsPerPage} per page of 50 entities) in ${r.milliseconds} ms`).join('; ') +
        `; ${total} ms in all`,
    );
  }, 180_000);

  it('crawls what there is to crawl: every entity answered, records of every kind out of view to look for', () => {
    for (const report of reports) {
      const answered = report.result.pages.flatMap((p) => p.usccs.filter((_, i) => p.body.data?.entities[i]));
      expect(new Set(answered).size, report.caller).toBe(USCCS.length);
    }
    const states = new Set([...truth.hiddenIds.values()].map((r) => r.state));
    // The demo data holds records of each of these; a crawl that found none to hide would prove little.
    for (const state of ['EXPIRED', 'REMOVED', 'UNPUBLISHED', 'SUPERSEDED']) expect(states, `a demo record ${state}`).toContain(state);
    expect([...truth.entities.values()].filter((e) => e.operator).length).toBeGreaterThan(0);
    expect([...truth.entities.values()].some((e) => e.hiddenNames.size > 0)).toBe(true);
  });

  it('the authorised bank reaches every record in view: the selection misses no list', () => {
    const bank = reports[1];
    const seen = new Set(bank.result.pages.flatMap((p) => [...p.text.matchAll(/"([a-z]+\.[a-z-]+\.\d+)"/g)].map((m) => m[1])));
    const inView = [...truth.entities.values()].flatMap((e) => e.records.filter((r) => r.state === 'IN_FORCE'));
    const missing = inView.filter((r) => !seen.has(r.id));
    expect(missing.map((r) => r.id).slice(0, 10)).toEqual([]);
  });

  for (const label of ['anonymous', 'the authorised bank']) {
    it(`${label}: no record out of view named, no unpublished record, no operator unmasked, no personal identifier`, () => {
      const report = reports[label === 'anonymous' ? 0 : 1];
      expect(summarise(report.leaks)).toEqual([]);
    });
  }
});
