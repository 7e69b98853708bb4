import type { ReportKind } from './table.ts';
import { reportDomainOf } from './domains.ts';
import { inPeriod, SPECIAL_CATEGORIES, type ReportRecord } from './sources.ts';

export type Coverage = 'RECORDS_FOUND' | 'NO_RECORD' | 'NOT_COVERED';

export interface ReportSection {
  domain: string;
  /** The department in Chinese. */
  department: string;
  coverage: Coverage;
  records: ReportRecord[];
  /** Fields the department withheld from the recipient; empty when it released all it was asked. */
  withheld: string[];
}

export interface ReportSummary {
  licences: number;
  penaltiesInForce: number;
  listEntries: number;
  objectionsOpen: number;
}

/** A credit report as signed. Every value is JSON; its canonical form is what the digest covers. */
export interface ReportDocument {
  format: 'credit-report/1';
  number: string;
  kind: ReportKind;
  title: string;
  issuedAt: string;
  issuer: string;
  recipient: { kind: 'INSTITUTION' | 'GOVERNMENT' | 'SUBJECT'; name: string };
  purpose: string;
  subject: { uscc: string; name: string | null; regionName: string | null };
  period: { from: string; to: string } | null;
  summary: ReportSummary | null;
  sections: ReportSection[];
}

export const REPORT_TITLES: Record<ReportKind, string> = {
  PUBLIC_CREDIT: '公共信用信息报告',
  SPECIAL: '专项信用报告（替代有无违法违规记录证明）',
};

export const ISSUER = '公共信用信息平台';

/** What the recipient sees of one domain: the records the department released, or that the platform holds none of it. */
export function sectionOf(
  domain: string,
  part: { records: ReportRecord[]; withheld: string[] } | null,
  { kind, period }: { kind: ReportKind; period: { from: string; to: string } | null },
): ReportSection {
  const info = reportDomainOf(domain);
  const department = info?.title ?? domain;
  if (part === null) return { domain, department, coverage: 'NOT_COVERED', records: [], withheld: [] };
  const records =
    kind === 'SPECIAL' && period ? part.records.filter((r) => SPECIAL_CATEGORIES.has(r.category) && inPeriod(r, period.from, period.to)) : part.records;
  return { domain, department, coverage: records.length > 0 ? 'RECORDS_FOUND' : 'NO_RECORD', records, withheld: part.withheld };
}

/** The opening summary of a 公共信用信息报告, as the PBoC enterprise report opens: counts, from the sections. */
export function summaryOf(sections: readonly ReportSection[], objectionsOpen: number): ReportSummary {
  const records = sections.flatMap((s) => s.records);
  return {
    licences: records.filter((r) => r.category === 'LICENCE').length,
    penaltiesInForce: records.filter((r) => r.category === 'PENALTY' && r.inForce).length,
    listEntries: records.filter((r) => r.category === 'LIST_ENTRY' && r.inForce).length,
    objectionsOpen,
  };
}
