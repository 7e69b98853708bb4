import { beforeAll, describe, expect, it } from 'vitest';
import { chinaToday } from '../../subgraphs/kit/calendar/china-day.ts';
import { addDays } from '../../subgraphs/kit/calendar/dates.ts';
import { REDACTION } from '../../subgraphs/kit/disclosure/personal-identifiers.ts';
import { penalties } from '../../subgraphs/market/db/tables.ts';
import { asCaller } from '../support/access.ts';
import { createTestEntity, insertRecords, marketPenalty } from '../support/records.ts';
import { GOVERNMENT } from '../support/tokens.ts';

// Free text is screened for personal identifiers: a phone number, an ID number or a bank card number
// in a public note is redacted in every view but government's.

describe('a phone number in a public note is redacted', () => {
  let uscc: string;
  const facts = '经查，当事人经营者（联系电话13912345678，身份证号210603198001011234）在店内销售过期食品。';
  const QUERY = `query($uscc: USCC!) { entity(uscc: $uscc) { market { penalties { facts } } } }`;

  beforeAll(async () => {
    uscc = await createTestEntity('个人信息');
    await insertRecords('market', 'penalty', penalties, [marketPenalty(uscc, addDays(chinaToday(), -10), { facts })]);
  });

  for (const caller of [{ kind: 'ANONYMOUS' }, { kind: 'SUBJECT', uscc: 'self' }] as const) {
    it(`${caller.kind}: the facts without the phone or ID number`, async () => {
      const result = await asCaller(caller.kind === 'SUBJECT' ? { kind: 'SUBJECT', uscc } : caller, QUERY, { uscc });
      expect(result.errors).toBeUndefined();
      const shown: string = result.data.entity.market.penalties[0].facts;
      expect(shown).not.toContain('13912345678');
      expect(shown).not.toContain('210603198001011234');
      expect(shown).toBe(`经查，当事人经营者（联系电话${REDACTION}，身份证号${REDACTION}）在店内销售过期食品。`);
    });
  }

  it('government reads the text as entered', async () => {
    const result = await asCaller(GOVERNMENT, QUERY, { uscc });
    expect(result.data.entity.market.penalties[0].facts).toBe(facts);
  });
});
