import { sql } from 'drizzle-orm';
import type { MySql2Database } from 'drizzle-orm/mysql2';
import { evaluationGrades, evaluationIndicators, evaluationSchemes, type EvaluationGrade } from './table.ts';

// The scheme a platform starts with, after the provincial schemes the seeds point to (001: 公共信用
// 综合评价, 分级分类监管): a base score, deductions for the black and warning lists and broken
// commitments, small bonuses for the red lists, and four grades. It counts list entries, whose being in
// force (`current`) every department states alike for every caller, so the grade is the same for all;
// penalties are not counted, since a penalty out of public view still reads as unexpired to government. Written only into an empty table: from then on the scheme is the
// database's, edited there without code.

export const DEFAULT_SCHEME = {
  code: 'PUBLIC-CREDIT-2026',
  name: '公共信用综合评价方案（2026年版）',
  baseScore: 100,
  active: true,
  basis:
    '《国务院关于建立完善守信联合激励和失信联合惩戒制度加快推进社会诚信建设的指导意见》（国发〔2016〕33号）；《国务院办公厅关于加快推进社会信用体系建设构建以信用为基础的新型监管机制的指导意见》（国办发〔2019〕35号）：开展公共信用综合评价，根据评价结果实施分级分类监管',
};

type Indicator = [code: string, name: string, counts: string, pointsPerRecord: number, maxPoints: number, forcesGrade: EvaluationGrade | null];

export const DEFAULT_INDICATORS: Indicator[] = [
  ['SERIOUS_VIOLATION', '列入严重违法失信名单', 'SERIOUS_VIOLATION', -40, 40, 'D'],
  ['DISHONEST_DEBTOR', '列为失信被执行人', 'DISHONEST_JUDGMENT_DEBTOR', -40, 40, 'D'],
  ['MAJOR_TAX_VIOLATION', '重大税收违法失信主体', 'MAJOR_TAX_VIOLATION', -40, 40, 'D'],
  ['ENVIRONMENTAL_BLACKLIST', '环境违法失信黑名单', 'ENVIRONMENTAL_BLACKLIST', -40, 40, 'D'],
  ['CONSUMPTION_RESTRICTION', '限制消费令', 'CONSUMPTION_RESTRICTION', -15, 30, null],
  ['ABNORMAL_OPERATIONS', '列入经营异常名录', 'ABNORMAL_OPERATIONS', -10, 20, null],
  ['ENVIRONMENTAL_CREDIT_POOR', '企业环境信用评价为不良', 'ENVIRONMENTAL_CREDIT_POOR', -10, 10, null],
  ['ENVIRONMENTAL_CREDIT_WARNING', '企业环境信用评价为警示', 'ENVIRONMENTAL_CREDIT_WARNING', -5, 5, null],
  ['BROKEN_COMMITMENT', '信用承诺未履行', 'BROKEN_COMMITMENT', -5, 15, null],
  ['A_GRADE_TAXPAYER', 'A级纳税人', 'A_GRADE_TAXPAYER', 5, 5, null],
  ['ENVIRONMENTAL_CREDIT_GOOD', '企业环境信用评价为诚信/良好', 'ENVIRONMENTAL_CREDIT_GOOD', 3, 3, null],
];

type Grade = [grade: EvaluationGrade, label: string, minScore: number, inspectionRatio: string];

export const DEFAULT_GRADES: Grade[] = [
  ['A', '诚信', 95, '0.0200'],
  ['B', '一般', 80, '0.0500'],
  ['C', '关注', 60, '0.1000'],
  ['D', '严重失信', 0, '0.3000'],
];

/** Writes the default scheme if the platform has none; a scheme already there is left as it is. */
export async function loadDefaultEvaluationScheme(db: MySql2Database<any>): Promise<void> {
  const [[{ n }]] = (await db.execute(sql`SELECT COUNT(*) AS n FROM evaluation_schemes`)) as unknown as [[{ n: number }]];
  if (Number(n) > 0) return;
  // Two platforms starting at once on one database: the second's insert meets the first's rows, and leaves them.
  await db.transaction(async (tx) => {
    await tx.insert(evaluationSchemes).values(DEFAULT_SCHEME);
    await tx.insert(evaluationIndicators).values(
      DEFAULT_INDICATORS.map(([code, name, counts, pointsPerRecord, maxPoints, forcesGrade], position) => ({
        scheme: DEFAULT_SCHEME.code, code, name, counts, pointsPerRecord, maxPoints, forcesGrade, position,
      })),
    );
    await tx.insert(evaluationGrades).values(DEFAULT_GRADES.map(([grade, label, minScore, inspectionRatio]) => ({ scheme: DEFAULT_SCHEME.code, grade, label, minScore, inspectionRatio })));
  }).catch((error: { code?: string; cause?: { code?: string } }) => {
    if (error.code !== 'ER_DUP_ENTRY' && error.cause?.code !== 'ER_DUP_ENTRY') throw error;
  });
}
