import { boolean, char, date, datetime, decimal, index, int, mysqlEnum, mysqlTable, primaryKey, smallint, text, varchar } from 'drizzle-orm/mysql-core';

export const EVALUATION_GRADES = ['A', 'B', 'C', 'D'] as const;
export type EvaluationGrade = (typeof EVALUATION_GRADES)[number];

/**
 * The public credit comprehensive evaluation scheme (公共信用综合评价方案): data, not code. The default
 * (evaluation/default-scheme.ts) is written only when no scheme exists, so a platform's own scheme,
 * edited in the database, holds from the next request.
 */
export const evaluationSchemes = mysqlTable('evaluation_schemes', {
  code: varchar('code', { length: 40 }).primaryKey(),
  name: varchar('name', { length: 200 }).notNull(),
  /** The score every entity starts from (基础分). */
  baseScore: smallint('base_score').notNull(),
  /** The scheme in force; exactly one is. */
  active: boolean('active').notNull(),
  basis: text('basis').notNull(),
});

/** An indicator (评价指标): the records it counts and the points each is worth (negative deducts), capped. */
export const evaluationIndicators = mysqlTable(
  'evaluation_indicators',
  {
    scheme: varchar('scheme', { length: 40 }).notNull(),
    code: varchar('code', { length: 40 }).notNull(),
    name: varchar('name', { length: 200 }).notNull(),
    /** What it counts: a list type (current entries) or BROKEN_COMMITMENT. */
    counts: varchar('counts', { length: 40 }).notNull(),
    /** Points per record (权重): negative deducts. */
    pointsPerRecord: smallint('points_per_record').notNull(),
    /** The most this indicator adds or deducts in all (its absolute value). */
    maxPoints: smallint('max_points').notNull(),
    /** A grade any record it counts forces, whatever the score (a serious-dishonesty listing forces the worst). */
    forcesGrade: mysqlEnum('forces_grade', EVALUATION_GRADES),
    position: smallint('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.scheme, t.code] })],
);

/** The grades (等级) and classes (诚信/一般/关注/严重失信), their thresholds and inspection ratios (分级分类监管). */
export const evaluationGrades = mysqlTable(
  'evaluation_grades',
  {
    scheme: varchar('scheme', { length: 40 }).notNull(),
    grade: mysqlEnum('grade', EVALUATION_GRADES).notNull(),
    /** The class's name, e.g. 诚信. */
    label: varchar('label', { length: 40 }).notNull(),
    /** The lowest score in this grade. */
    minScore: smallint('min_score').notNull(),
    /** The share of entities of this class drawn for each random inspection (双随机抽查比例). */
    inspectionRatio: decimal('inspection_ratio', { precision: 5, scale: 4 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.scheme, t.grade] })],
);

/**
 * The last evaluation computed for each entity, kept so that supervisors can list entities by class
 * and region to draw inspection samples (双随机). The evaluation itself is always computed afresh from
 * the departments' records; this is its latest result, written when it is computed.
 */
export const evaluationResults = mysqlTable(
  'evaluation_results',
  {
    uscc: char('uscc', { length: 18 }).primaryKey(),
    /** GB/T 2260 division from the code (characters 3–8). */
    region: char('region', { length: 6 }).notNull(),
    scheme: varchar('scheme', { length: 40 }).notNull(),
    grade: mysqlEnum('grade', EVALUATION_GRADES).notNull(),
    score: int('score').notNull(),
    asOf: date('as_of', { mode: 'string' }).notNull(),
    evaluatedAt: datetime('evaluated_at', { mode: 'string', fsp: 3 }).notNull(),
  },
  (t) => [index('evaluation_results_grade_region').on(t.grade, t.region, t.uscc)],
);
