import { randomBytes } from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import { GraphQLError } from 'graphql';
import { chinaToday } from '../../kit/calendar/china-day.ts';
import type { EntityRelease } from '../../kit/access/platform/backend.ts';
import { DepartmentUnavailableError } from '../../kit/disclosure/record-status-client.ts';
import { badUserInput } from '../../kit/runtime/errors.ts';
import type { SubgraphContext } from '../../kit/subgraph/subgraph.ts';
import { objections } from '../db/tables.ts';
import { insertReleases } from '../authorisations/access-log.ts';
import { findGrants } from '../authorisations/grants.ts';
import { toSqlInstant } from '../db/instants.ts';
import type { PlatformDb } from '../db/tables.ts';
import type { PlatformLoaders } from '../loaders.ts';
import { HELD_REPORT_DOMAINS, KNOWN_REPORT_DOMAINS, reportDomainOf } from './domains.ts';
import { ISSUER, REPORT_TITLES, sectionOf, summaryOf, type ReportDocument } from './document.ts';
import { gatherFromDepartment, type DepartmentPart } from './gather.ts';
import { decideIssuer } from './issuer.ts';
import { canonicalJson, digestOf, reportSigningKey, signReport } from './signing.ts';
import { creditReports, type CreditReportRow, type ReportKind } from './table.ts';

type Context = SubgraphContext<PlatformLoaders, PlatformDb>;

export interface CreditReportInput {
  uscc: string;
  kind: ReportKind;
  purpose?: string | null;
  from?: string | null;
  to?: string | null;
  domains?: string[] | null;
}

/** 专项信用报告: the subject chooses a period of at most five years (国家发展改革委 2025 专项信用报告 scheme). */
export const MAX_PERIOD_YEARS = 5;
const MAX_PURPOSE = 100;
/** The market department owns the entity itself (its name): asked for every report. */
const CORE_DEPARTMENT = 'market';

interface CheckedInput {
  uscc: string;
  kind: ReportKind;
  purpose: string | null;
  period: { from: string; to: string } | null;
  domains: string[];
}

function yearsBefore(day: string, years: number): string {
  return `${Number(day.slice(0, 4)) - years}${day.slice(4)}`;
}

/** What the schema cannot check: known domains, a period of at most five years ending by today, a purpose. */
export function checkReportInput(input: CreditReportInput, today = chinaToday()): CheckedInput {
  const domains = [...new Set((input.domains ?? []).map((d) => d.trim().toUpperCase()))];
  for (const domain of domains) {
    if (!KNOWN_REPORT_DOMAINS.includes(domain)) throw badUserInput(`domains: unknown domain ${JSON.stringify(domain)}; a report can name ${KNOWN_REPORT_DOMAINS.join(', ')}`);
  }
  const purpose = input.purpose?.trim() || null;
  if (purpose !== null && purpose.length > MAX_PURPOSE) throw badUserInput(`purpose: at most ${MAX_PURPOSE} characters`);
  if (input.kind === 'PUBLIC_CREDIT') {
    if (input.from || input.to) throw badUserInput('from and to: a PUBLIC_CREDIT report shows what is in view now; a period is for SPECIAL reports only');
    return { uscc: input.uscc, kind: input.kind, purpose, period: null, domains: domains.length ? domains : HELD_REPORT_DOMAINS.map((d) => d.domain) };
  }
  if (domains.length === 0) throw badUserInput(`domains: a SPECIAL report names the domains it covers, e.g. ["MARKET", "TAX"]; known: ${KNOWN_REPORT_DOMAINS.join(', ')}`);
  if (!input.from || !input.to) throw badUserInput('from and to: a SPECIAL report covers a period the subject chooses (both days inclusive)');
  if (input.from > input.to) throw badUserInput(`from (${input.from}) must not be after to (${input.to})`);
  if (input.to > today) throw badUserInput(`to (${input.to}) is in the future (today is ${today} in China Standard Time)`);
  if (input.from < yearsBefore(input.to, MAX_PERIOD_YEARS)) {
    throw badUserInput(`from (${input.from}): a SPECIAL report covers at most ${MAX_PERIOD_YEARS} years, so from may be no earlier than ${yearsBefore(input.to, MAX_PERIOD_YEARS)}`);
  }
  return { uscc: input.uscc, kind: input.kind, purpose, period: { from: input.from, to: input.to }, domains };
}

const NUMBER_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** XYBG-20261202-7K3M9Q2P: the day of issue and 40 random bits, so numbers tell nothing of volume. */
export function newReportNumber(today = chinaToday()): string {
  const random = [...randomBytes(8)].map((b) => NUMBER_ALPHABET[b % 32]).join('');
  return `XYBG-${today.replaceAll('-', '')}-${random}`;
}

function forbidden(reason: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN', reason, level: 'AUTHORISED' } });
}

function departmentsUnavailable(failures: DepartmentUnavailableError[]): GraphQLError {
  const names = failures.map((f) => f.department);
  return new GraphQLError(
    `No report issued: a report is made only from every department it needs, and ${failures.map((f) => f.message).join('; ')}. Try again shortly.`,
    { extensions: { code: 'DEPARTMENT_UNAVAILABLE', department: names[0], departments: names } },
  );
}

async function gatherAll(context: Context, input: CheckedInput): Promise<Map<string, DepartmentPart>> {
  const subgraphs = new Set([CORE_DEPARTMENT]);
  for (const domain of input.domains) {
    const subgraph = reportDomainOf(domain)?.subgraph;
    if (subgraph) subgraphs.add(subgraph);
  }
  const wanted = new Set(input.domains.map((d) => reportDomainOf(d)?.subgraph).filter((s): s is string => !!s));
  const settled = await Promise.allSettled(
    [...subgraphs].map((subgraph) =>
      gatherFromDepartment(subgraph, context.departmentUrls, context.callerToken!, input.uscc, { records: wanted.has(subgraph), withName: subgraph === CORE_DEPARTMENT }),
    ),
  );
  const failures = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason] : []));
  const unexpected = failures.find((f) => !(f instanceof DepartmentUnavailableError));
  if (unexpected) throw unexpected;
  if (failures.length > 0) throw departmentsUnavailable(failures as DepartmentUnavailableError[]);
  return new Map(settled.map((s) => [(s as PromiseFulfilledResult<DepartmentPart>).value.subgraph, (s as PromiseFulfilledResult<DepartmentPart>).value]));
}

async function openObjections(db: PlatformDb, uscc: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(objections).where(and(eq(objections.uscc, uscc), eq(objections.status, 'UNDER_REVIEW')));
  return Number(row?.n ?? 0);
}

/**
 * Issues a report: checks the input and the caller, gathers the records from each department as the
 * caller, signs the document, and stores it with the access log of every release in it, in one
 * transaction, before it leaves. Nothing is issued when a department it needs is unavailable.
 */
export async function issueCreditReport(input: CreditReportInput, context: Context): Promise<CreditReportRow> {
  const { caller, db } = context;
  const checked = checkReportInput(input);
  const heldDomains = checked.domains.filter((d) => reportDomainOf(d)?.subgraph);
  const grants = caller.kind === 'INSTITUTION' ? await findGrants(db, caller, [checked.uscc]) : [];
  const issuer = decideIssuer(caller, checked.uscc, heldDomains, grants);
  if (!issuer.allowed) throw forbidden(issuer.reason, issuer.message);
  if (caller.kind === 'INSTITUTION' && checked.purpose !== null && checked.purpose !== caller.purpose) {
    throw badUserInput(`purpose: an institution's report is for the purpose it declares in X-Credit-Purpose (${caller.purpose}), not ${JSON.stringify(checked.purpose)}`);
  }
  const purpose = caller.kind === 'INSTITUTION' ? caller.purpose! : checked.purpose;
  if (purpose === null) throw badUserInput('purpose: say what the report is for (用途), e.g. 招投标, 银行贷款, 上市');
  if (!context.callerToken) throw forbidden('LEVEL', 'A credit report is issued only through the gateway, to a signed-in caller');

  const parts = await gatherAll(context, checked);
  const core = parts.get(CORE_DEPARTMENT)!.entity;
  if (!core) throw new GraphQLError(`No entity ${checked.uscc} is registered`, { extensions: { code: 'NOT_FOUND' } });

  const sections = checked.domains.map((domain) => {
    const subgraph = reportDomainOf(domain)?.subgraph;
    return sectionOf(domain, subgraph ? parts.get(subgraph)! : null, { kind: checked.kind, period: checked.period });
  });
  const issuedAt = new Date();
  const number = newReportNumber(chinaToday(issuedAt));
  const document: ReportDocument = {
    format: 'credit-report/1',
    number,
    kind: checked.kind,
    title: REPORT_TITLES[checked.kind],
    issuedAt: issuedAt.toISOString(),
    issuer: ISSUER,
    recipient: { kind: issuer.recipientKind, name: issuer.recipientKind === 'SUBJECT' ? '信用主体本人' : issuer.recipient },
    purpose,
    subject: { uscc: checked.uscc, name: (core.name as string | undefined) ?? null, regionName: (core.regionName as string | null | undefined) ?? null },
    period: checked.period,
    summary: checked.kind === 'PUBLIC_CREDIT' ? summaryOf(sections, await openObjections(db, checked.uscc)) : null,
    sections,
  };
  const canonical = canonicalJson(document);
  const row = {
    number,
    uscc: checked.uscc,
    kind: checked.kind,
    issuedAt: toSqlInstant(issuedAt),
    recipientKind: issuer.recipientKind,
    recipient: issuer.recipient,
    purpose,
    periodFrom: checked.period?.from ?? null,
    periodTo: checked.period?.to ?? null,
    requestId: context.callerToken.requestId,
    document: canonical,
    digest: digestOf(canonical),
    signature: signReport(canonical, reportSigningKey().privateKey),
  };
  await db.transaction(async (tx) => {
    await tx.insert(creditReports).values(row);
    const log = (domain: string, releases: readonly EntityRelease[]) =>
      insertReleases(tx as unknown as PlatformDb, { caller, requestId: context.callerToken!.requestId, domain, releases, at: issuedAt });
    for (const part of parts.values()) await log(part.subgraph.toUpperCase(), part.releases);
    // The issuance itself: the entity reads in its access log who was issued a report on it, and when.
    await log('PLATFORM', [{ uscc: checked.uscc, fields: ['CreditReport.document'] }]);
  });
  const [stored] = await db.select().from(creditReports).where(eq(creditReports.number, number));
  return stored;
}
