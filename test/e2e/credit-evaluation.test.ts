import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { chinaToday } from '../../subgraphs/kit/calendar/china-day.ts';
import { addMonths } from '../../subgraphs/kit/calendar/dates.ts';
import { openDatabase } from '../../subgraphs/kit/db/database.ts';
import { parseRecordId } from '../../subgraphs/kit/disclosure/record-id.ts';
import { listings } from '../../subgraphs/market/db/tables.ts';
import { subgraphNamed } from '../../subgraphs/registry.ts';
import { asCaller } from '../support/access.ts';
import { demoSubjects } from '../support/demo.ts';
import { graphql } from '../support/graphql.ts';
import { createTestEntity, insertRecords, marketListing } from '../support/records.ts';
import { requestCounts } from '../support/stats.ts';
import { GOVERNMENT } from '../support/tokens.ts';

const EVALUATION = `query($usccs: [USCC!]!) { entities(usccs: $usccs) { uscc creditEvaluation { grade label score forcedBy asOf basis { indicator { code } points records } } } }`;
const SUPERVISION = `query($uscc: USCC!) { entity(uscc: $uscc) { supervision { grade class inspectionRatio } } }`;
const today = chinaToday();

async function evaluationOf(uscc: string) {
  const result = await graphql(EVALUATION, { usccs: [uscc] });
  expect(result.errors).toBeUndefined();
  return result.data.entities[0].creditEvaluation;
}

async function removeListing(recordId: string): Promise<void> {
  const database = openDatabase(subgraphNamed('market').tables, { url: inject('databaseUrls').market, poolSize: 1 });
  try {
    await database.db.update(listings).set({ removedOn: today, removalReason: '履行完毕，移出名单' }).where(eq(listings.id, Number(parseRecordId(recordId)!.id)));
  } finally {
    await database.close();
  }
}

describe('the public credit evaluation (公共信用综合评价)', () => {
  let uscc: string;

  beforeAll(async () => {
    uscc = await createTestEntity('综合评价');
  });

  it('publishes its scheme: base score, indicators, grades', async () => {
    const { data } = await graphql(`{ evaluationScheme { code baseScore indicators { code counts pointsPerRecord maxPoints forcesGrade } grades { grade label minScore inspectionRatio } } }`);
    expect(data.evaluationScheme.baseScore).toBe(100);
    expect(data.evaluationScheme.grades.map((g: any) => `${g.grade}${g.label}`)).toEqual(['A诚信', 'B一般', 'C关注', 'D严重失信']);
    expect(data.evaluationScheme.indicators).toContainEqual(expect.objectContaining({ counts: 'SERIOUS_VIOLATION', forcesGrade: 'D' }));
  });

  it('grades every entity, and changes after a listing and after its removal', async () => {
    expect(await evaluationOf(uscc)).toMatchObject({ grade: 'A', label: '诚信', score: 100, forcedBy: null, basis: [], asOf: today });

    const [abnormal] = await insertRecords('market', 'listing', listings, [marketListing(uscc, addMonths(today, -1))]);
    expect(await evaluationOf(uscc)).toMatchObject({ grade: 'B', label: '一般', score: 90, basis: [{ indicator: { code: 'ABNORMAL_OPERATIONS' }, points: -10, records: [abnormal] }] });

    // A serious-violation listing forces the worst class whatever the score (60 would be C).
    const listedEntity = await createTestEntity('严重失信');
    const [listing] = await insertRecords('market', 'listing', listings, [marketListing(listedEntity, addMonths(today, -1), { list: 'SERIOUS_VIOLATION', reason: '提交虚假材料取得登记' })]);
    const listed = await evaluationOf(listedEntity);
    expect(listed).toMatchObject({ grade: 'D', label: '严重失信', score: 60, forcedBy: 'SERIOUS_VIOLATION' });
    expect(listed.basis).toEqual([{ indicator: { code: 'SERIOUS_VIOLATION' }, points: -40, records: [listing] }]);

    // Removed by market supervision: from the next request it counts no more.
    await removeListing(listing);
    expect(await evaluationOf(listedEntity)).toMatchObject({ grade: 'A', score: 100, forcedBy: null, basis: [] });
  });

  it('gives government the supervision class, and keeps it from everyone else', async () => {
    const government = await asCaller(GOVERNMENT, SUPERVISION, { uscc });
    expect(government.errors).toBeUndefined();
    expect(government.data.entity.supervision).toEqual({ grade: 'B', class: '一般', inspectionRatio: '0.0500' });
    for (const caller of [{ kind: 'SUBJECT', uscc } as const, { kind: 'ANONYMOUS' } as const]) {
      const refused = await asCaller(caller, SUPERVISION, { uscc });
      expect(refused.data.entity.supervision).toBeNull();
      expect(refused.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'LEVEL' });
    }
  });

  it('lists entities by grade and region, paged, for drawing inspection samples (双随机)', async () => {
    const POOL = `query($grade: EvaluationGrade!, $region: String!, $after: String) { inspectionPool(grade: $grade, region: $region, first: 2, after: $after) { nodes { uscc grade region } pageInfo { hasNextPage endCursor } } }`;
    const region = uscc.slice(2, 8);
    const pages: string[] = [];
    let after: string | null = null;
    do {
      const result = await asCaller(GOVERNMENT, POOL, { grade: 'B', region, after });
      expect(result.errors).toBeUndefined();
      for (const node of result.data.inspectionPool.nodes) expect(node).toMatchObject({ grade: 'B', region });
      pages.push(...result.data.inspectionPool.nodes.map((n: any) => n.uscc));
      after = result.data.inspectionPool.pageInfo.hasNextPage ? result.data.inspectionPool.pageInfo.endCursor : null;
    } while (after);
    expect(pages).toContain(uscc);
    expect((await asCaller({ kind: 'SUBJECT', uscc }, POOL, { grade: 'B', region })).errors![0].extensions).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('costs the platform the same SQL for 1 entity and for 100', async () => {
    const usccs = demoSubjects().slice(0, 100).map((s) => s.uscc);
    const one = await graphql(EVALUATION, { usccs: usccs.slice(0, 1) });
    const hundred = await graphql(EVALUATION, { usccs });
    expect(hundred.errors).toBeUndefined();
    expect(hundred.data.entities.filter((e: any) => e.creditEvaluation?.grade).length).toBe(100);
    const [oneCount, hundredCount] = [await requestCounts('platform', one.requestId), await requestCounts('platform', hundred.requestId)];
    expect(oneCount.sqlStatements).toBeGreaterThan(0);
    expect(hundredCount.sqlStatements).toBe(oneCount.sqlStatements);
  });
});
