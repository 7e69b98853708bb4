import { stringify } from 'csv-stringify/sync';
import { pino } from 'pino';
import { describe, expect, inject, it } from 'vitest';
import { chinaToday } from '../../subgraphs/kit/calendar/china-day.ts';
import { templateHeaders } from '../../subgraphs/kit/collection/file-import.ts';
import { demoDoorOf } from '../../subgraphs/kit/collection/screen-at-door.ts';
import { openDatabase } from '../../subgraphs/kit/db/database.ts';
import { loadDemoRecords, rowsFor } from '../../subgraphs/kit/demo/loads.ts';
import { REDACTION } from '../../subgraphs/kit/disclosure/personal-identifiers.ts';
import { penalties } from '../../subgraphs/market/db/tables.ts';
import { marketCollection } from '../../subgraphs/market/submissions.ts';
import { subgraphNamed } from '../../subgraphs/registry.ts';
import { asCaller } from '../support/access.ts';
import { createTestEntity, marketPenalty, sourceId, testUscc } from '../support/records.ts';
import { collectingDepartments, penaltySubmission, registration, submitAs } from '../support/submissions.ts';
import { headersFor, type TestCaller } from '../support/tokens.ts';

// Free text screened at collection's door: a personal identifier in a published free-text field is
// not a reason to refuse the department's record; it is stored as submitted (government reads it),
// the batch report names the field and what was found, and every other view shows it redacted.

const GOV: TestCaller = { kind: 'GOVERNMENT', department: 'MARKET' };
const FACTS = '经查，当事人（联系电话13912345678，身份证号210603198001011234）销售过期食品。';
const PENALTIES = `query($uscc: USCC!) { entity(uscc: $uscc) { market { penalties { sourceId facts } } } }`;
const typeOf = (recordType: string) => collectingDepartments().find((d) => d.department === 'market')!.collection.types.find((t) => t.recordType === recordType)!;

async function factsSeenBy(caller: TestCaller, uscc: string, source: string): Promise<string> {
  const result = await asCaller(caller, PENALTIES, { uscc });
  expect(result.errors).toBeUndefined();
  return result.data.entity.market.penalties.find((p: { sourceId: string }) => p.sourceId === source).facts;
}

describe('free text screened at the door', () => {
  it('a submission: accepted, the field and the identifiers named in the report, redacted for all but government', async () => {
    const uscc = testUscc();
    await submitAs('market', typeOf('REGISTRATION'), [registration(uscc)]);
    const flagged = penaltySubmission(uscc, { facts: FACTS });
    const clean = penaltySubmission(uscc);
    const result = await asCaller(GOV, `mutation($r: [PenaltySubmission!]!) { market { submitPenalties(records: $r) { accepted rejectedRows screenedRows screened { index sourceId field kinds message } } } }`, { r: [clean, flagged] });
    expect(result.errors).toBeUndefined();
    const report = result.data.market.submitPenalties;
    expect(report).toMatchObject({ accepted: 2, rejectedRows: 0, screenedRows: 1 });
    expect(report.screened).toEqual([
      {
        index: 1,
        sourceId: flagged.sourceId,
        field: 'facts',
        kinds: ['ID_NUMBER', 'PHONE'],
        message: `facts: contains a resident ID number and a mobile number, personal information that is not published: stored as submitted for government, shown to everyone else as ${REDACTION}; remove it at the source and resubmit`,
      },
    ]);
    expect(report.screened[0].message).not.toContain('13912345678');

    for (const caller of [{ kind: 'ANONYMOUS' }, { kind: 'SUBJECT', uscc }] as TestCaller[]) {
      expect(await factsSeenBy(caller, uscc, String(flagged.sourceId))).toBe(`经查，当事人（联系电话${REDACTION}，身份证号${REDACTION}）销售过期食品。`);
    }
    expect(await factsSeenBy(GOV, uscc, String(flagged.sourceId))).toBe(FACTS);

    // Corrected at the source and resubmitted: nothing flagged any more, and the public sees the text whole.
    const fixed = await asCaller(GOV, `mutation($r: [PenaltySubmission!]!) { market { submitPenalties(records: $r) { updated screenedRows screened { field } } } }`, { r: [{ ...flagged, facts: '经查，当事人销售过期食品。' }] });
    expect(fixed.data.market.submitPenalties).toEqual({ updated: 1, screenedRows: 0, screened: [] });
    expect(await factsSeenBy({ kind: 'ANONYMOUS' }, uscc, String(flagged.sourceId))).toBe('经查，当事人销售过期食品。');
  });

  it('a file: the report counts the screened rows', async () => {
    const uscc = testUscc();
    await submitAs('market', typeOf('REGISTRATION'), [registration(uscc)]);
    const penalty = typeOf('PENALTY');
    const rows = [penaltySubmission(uscc, { facts: '当事人银行卡号6222021234567890123用于收款' }), penaltySubmission(uscc)];
    const names = ['sourceId', ...penalty.fields.map((f) => f.name)];
    const csv = new Uint8Array(Buffer.from(stringify([templateHeaders(penalty), ...rows.map((r) => names.map((n) => String(r[n] ?? '')))])));
    const response = await fetch(`${inject('gatewayUrl').replace(/\/graphql$/, '')}/collection?department=market&type=PENALTY`, { method: 'POST', headers: await headersFor(GOV), body: csv });
    const last = (await response.text()).trim().split('\n').map((l) => JSON.parse(l)).at(-1);
    expect(last.report).toMatchObject({ received: 2, accepted: 2, screenedRows: 1 });
    expect(await factsSeenBy({ kind: 'ANONYMOUS' }, uscc, String(rows[0].sourceId))).toBe(`当事人银行卡号${REDACTION}用于收款`);
  });

  it('the demo loader screens the same fields: it reports what it found, the views redact it', async () => {
    const uscc = await createTestEntity('演示屏蔽');
    const source = sourceId('demo-penalty');
    const lines: { msg: string; fields?: Record<string, number> }[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    const database = openDatabase(subgraphNamed('market').tables, { url: inject('databaseUrls').market, poolSize: 1 });
    try {
      const loaded = await loadDemoRecords({
        db: database.db,
        entities: 1,
        seed: `screen-${source}`,
        subgraph: 'market',
        generate: () => [rowsFor(penalties, [marketPenalty(uscc, chinaToday(), { sourceId: source, facts: FACTS }) as typeof penalties.$inferInsert])],
        logger: logger as never,
        screen: demoDoorOf(marketCollection.types),
      });
      expect(loaded).toBe(true);
    } finally {
      await database.close();
    }
    expect(lines.find((l) => l.msg.startsWith('demo free text carries personal identifiers'))?.fields).toEqual({ facts: 1 });
    expect(await factsSeenBy({ kind: 'ANONYMOUS' }, uscc, source)).not.toContain('13912345678');
    expect(await factsSeenBy(GOV, uscc, source)).toBe(FACTS);
  });
});
