import { DEPARTMENTS, PLATFORM_DOMAIN } from '../../departments.ts';

/**
 * The domains a credit report may be asked about: every department of this federation, and the other
 * domains the seeds name (future subgraphs). A domain the platform does not hold is reported as "not
 * covered", never as "no record": a 专项信用报告 stands in for the no-violation certificates of each
 * field, and silence about a field it cannot see would certify what nobody checked.
 */
export const UNHELD_REPORT_DOMAINS: Readonly<Record<string, string>> = {
  CUSTOMS: '海关',
  SAFETY_PRODUCTION: '应急管理（安全生产）',
  SOCIAL_INSURANCE: '人力资源和社会保障',
  MEDICAL_INSURANCE: '医疗保障',
  HOUSING_CONSTRUCTION: '住房和城乡建设',
  NATURAL_RESOURCES: '自然资源',
  TRANSPORT: '交通运输',
  FIRE_SAFETY: '消防救援',
  STATISTICS: '统计',
  PROCUREMENT: '政府采购',
  CULTURE_TOURISM: '文化和旅游',
  HEALTH: '卫生健康',
};

export interface ReportDomain {
  /** Upper case: MARKET, TAX… */
  domain: string;
  /** The department in Chinese, as the report prints it. */
  title: string;
  /** The subgraph that holds it; null when no department of this federation does. */
  subgraph: string | null;
}

/** The domains this federation holds, in the order departments.ts lists them. */
export const HELD_REPORT_DOMAINS: readonly ReportDomain[] = DEPARTMENTS.filter((d) => d.domain !== PLATFORM_DOMAIN).map((d) => ({
  domain: d.domain,
  title: d.title,
  subgraph: d.name,
}));

export function reportDomainOf(domain: string): ReportDomain | undefined {
  const held = HELD_REPORT_DOMAINS.find((d) => d.domain === domain);
  if (held) return held;
  const title = UNHELD_REPORT_DOMAINS[domain];
  return title === undefined ? undefined : { domain, title, subgraph: null };
}

export const KNOWN_REPORT_DOMAINS: readonly string[] = [...HELD_REPORT_DOMAINS.map((d) => d.domain), ...Object.keys(UNHELD_REPORT_DOMAINS)];
