import { describe, expect, it } from 'vitest';
import { REDACTION, screenPersonalIdentifiers } from '../../subgraphs/kit/disclosure/personal-identifiers.ts';

describe('screenPersonalIdentifiers', () => {
  it('redacts ID numbers, mobile numbers and bank cards, and counts each kind', () => {
    const { text, found } = screenPersonalIdentifiers('身份证21060319800101123X，手机15012345678，卡号6222021234567890123。');
    expect(text).toBe(`身份证${REDACTION}，手机${REDACTION}，卡号${REDACTION}。`);
    expect(found).toEqual({ ID_NUMBER: 1, PHONE: 1, BANK_CARD: 1 });
  });

  it('leaves decision numbers, amounts and dates alone', () => {
    const plain = '丹环罚〔2024〕37号：罚款100,000.00元，2024年3月1日，税款12345678元。';
    expect(screenPersonalIdentifiers(plain)).toEqual({ text: plain, found: {} });
  });
});
