import type { ListingEntry } from '../lists/listings.ts';
import type { EvaluationGrade } from './table.ts';

// The comprehensive evaluation of one entity (公共信用综合评价): a pure function of the scheme and the
// records in force. The grade is public; each basis line names the records it counted by id, so the
// evidence is read at each record's own level wherever it is looked up.

export interface SchemeIndicator {
  code: string;
  name: string;
  counts: string;
  pointsPerRecord: number;
  maxPoints: number;
  forcesGrade: EvaluationGrade | null;
}

export interface SchemeGrade {
  grade: EvaluationGrade;
  label: string;
  minScore: number;
  inspectionRatio: string;
}

export interface Scheme {
  code: string;
  name: string;
  baseScore: number;
  basis: string;
  indicators: SchemeIndicator[];
  /** Best first (highest minScore first). */
  grades: SchemeGrade[];
}

/** A record an indicator may count: its id, and what it counts as (a list type, PENALTY_IN_FORCE…). */
export interface CountedRecord {
  counts: string;
  /** The source record's id, or for a per-year list (A-grade taxpayers) its description. */
  recordId: string;
}

export interface BasisLine {
  indicator: SchemeIndicator;
  points: number;
  records: string[];
}

export interface Evaluation {
  scheme: string;
  grade: EvaluationGrade;
  label: string;
  score: number;
  inspectionRatio: string;
  /** The indicator that forced the grade, when one did. */
  forcedBy: string | null;
  basis: BasisLine[];
  asOf: string;
}

/** The current list entries as countable records: a per-year list without a record id is counted by its year. */
export function countedListings(listings: readonly ListingEntry[]): CountedRecord[] {
  return listings
    .filter((l) => l.current)
    .map((l) => ({ counts: l.listType, recordId: l.sourceRecordId ?? `${l.department.toLowerCase()}.${l.listType.toLowerCase()}.${l.year ?? ''}` }));
}

export function evaluate(scheme: Scheme, records: readonly CountedRecord[], asOf: string): Evaluation {
  const basis: BasisLine[] = [];
  let forced: { grade: EvaluationGrade; by: string } | null = null;
  for (const indicator of scheme.indicators) {
    const counted = records.filter((r) => r.counts === indicator.counts).map((r) => r.recordId);
    if (counted.length === 0) continue;
    const raw = indicator.pointsPerRecord * counted.length;
    const points = Math.sign(raw) * Math.min(Math.abs(raw), indicator.maxPoints);
    basis.push({ indicator, points, records: counted });
    if (indicator.forcesGrade) {
      const worse = !forced || rank(scheme, indicator.forcesGrade) > rank(scheme, forced.grade);
      if (worse) forced = { grade: indicator.forcesGrade, by: indicator.code };
    }
  }
  const score = Math.max(0, scheme.baseScore + basis.reduce((sum, line) => sum + line.points, 0));
  const byScore = scheme.grades.find((g) => score >= g.minScore) ?? scheme.grades[scheme.grades.length - 1];
  // A forcing record can only make the grade worse, never better than the score's.
  const final = forced && rank(scheme, forced.grade) > rank(scheme, byScore.grade) ? scheme.grades.find((g) => g.grade === forced!.grade)! : byScore;
  return {
    scheme: scheme.code,
    grade: final.grade,
    label: final.label,
    score,
    inspectionRatio: final.inspectionRatio,
    forcedBy: final === byScore ? null : forced!.by,
    basis,
    asOf,
  };
}

function rank(scheme: Scheme, grade: EvaluationGrade): number {
  return scheme.grades.findIndex((g) => g.grade === grade);
}
