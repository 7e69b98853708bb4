import type { CREDIT_SCHEMES } from './db/tables.ts';

export type CreditScheme = (typeof CREDIT_SCHEMES)[number];
export type CreditResponse = 'ENCOURAGE' | 'WARN' | 'PUNISH';

interface Grade {
  code: string;
  label: string;
  response: CreditResponse;
}

/**
 * The grades of each scheme, best first, with what each implies (鼓励、警示、惩戒: seed 004 "根据企业的
 * 环境保护信用等级予以相应的奖励、警示和惩戒"). The two upper grades both earn encouragement: the national
 * measures reward 诚信 and support 良好 alike; 警示 brings warnings, 不良 punishment.
 */
export const CREDIT_GRADES: Readonly<Record<CreditScheme, readonly Grade[]>> = {
  NATIONAL: [
    { code: 'HONEST', label: '环保诚信企业', response: 'ENCOURAGE' },
    { code: 'GOOD', label: '环保良好企业', response: 'ENCOURAGE' },
    { code: 'WARNING', label: '环保警示企业', response: 'WARN' },
    { code: 'POOR', label: '环保不良企业', response: 'PUNISH' },
  ],
  GREEN_BLUE_YELLOW_RED: [
    { code: 'GREEN', label: '绿牌', response: 'ENCOURAGE' },
    { code: 'BLUE', label: '蓝牌', response: 'ENCOURAGE' },
    { code: 'YELLOW', label: '黄牌', response: 'WARN' },
    { code: 'RED', label: '红牌', response: 'PUNISH' },
  ],
  A_TO_D: [
    { code: 'A', label: 'A级（诚信）', response: 'ENCOURAGE' },
    { code: 'B', label: 'B级（良好）', response: 'ENCOURAGE' },
    { code: 'C', label: 'C级（警示）', response: 'WARN' },
    { code: 'D', label: 'D级（不良）', response: 'PUNISH' },
  ],
};

/** The grade of a scheme by its code; null for a code the scheme does not have (bad source data). */
export function creditGrade(scheme: CreditScheme, code: string): Grade | null {
  return CREDIT_GRADES[scheme].find((g) => g.code === code) ?? null;
}
