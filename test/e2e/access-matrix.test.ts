import { beforeAll, describe, expect, it } from 'vitest';
import type { DenialReason } from '../../subgraphs/kit/access/authorisation-decision.ts';
import { chinaToday } from '../../subgraphs/kit/calendar/china-day.ts';
import { addDays } from '../../subgraphs/kit/calendar/dates.ts';
import { SUBGRAPHS } from '../../subgraphs/registry.ts';
import { demoSubjects } from '../support/demo.ts';
import { createCollectedEntity, penaltySubmission } from '../support/submissions.ts';
import { graphql, type GraphQLResult } from '../support/graphql.ts';
import { entityProfileFields, occurrences, selectionOf, type Occurrence, type Path, type ProfileField } from '../support/profile-tree.ts';
import { GOVERNMENT, headersFor, type TestCaller } from '../support/tokens.ts';
import { REFERENCES, ReferenceOracle } from '../support/reference-oracle.ts';

// The access matrix: every caller kind × every level × every domain, built from the @access levels in
// the SDL of every registered subgraph, so a department that joins is covered without editing this file.
// Records out of public view (expired, removed, repaired, revoked: kit/disclosure/visibility.ts) are government's
// only: every other caller must not see them at all, and sees the records it does see at the same ids.

const FIELDS = entityProfileFields();
const PROFILE = `query Matrix($usccs: [USCC!]!) { entities(usccs: $usccs) { ${selectionOf(FIELDS)} } }`;
const DOMAINS = [...new Set(SUBGRAPHS.map((s) => s.name.toUpperCase()))];
const GRANTABLE = DOMAINS.filter((d) => d !== 'PLATFORM');
/** Grows with every query, these included: compared for presence, not value. */
const VOLATILE = new Set(['Entity.accessLog']);

const run = Date.now().toString(36).toUpperCase();
const GRANTED_BANK = `BANK-MATRIX-${run}`;
const PAPER_BANK = `BANK-PAPER-${run}`;
const UNGRANTED_BANK = `BANK-STRANGER-${run}`;
const PURPOSE = 'LOAN_APPROVAL' as const;

function protectedFields(fields: readonly ProfileField[]): ProfileField[] {
  return fields.flatMap((f) => [...(f.level === 'PUBLIC' ? [] : [f]), ...protectedFields(f.children ?? [])]);
}
const PROTECTED = [...new Map(protectedFields(FIELDS).map((f) => [f.coordinate, f])).values()];

type Outcome = 'RELEASED' | DenialReason;

/** Who filed the case a value belongs to (an objection): its filerKind and filedBy, as government sees them. */
type Filed = { filerKind?: unknown; filedBy?: unknown } | undefined;

interface MatrixCaller {
  label: string;
  /** Asked once per chosen entity as that entity: itself for one, another entity for the rest. */
  perEntity?: boolean;
  caller: (self: string) => TestCaller;
  expect(field: ProfileField, entity: string, self: string, filed: Filed): Outcome;
}

const CALLERS: MatrixCaller[] = [
  { label: 'anonymous', caller: () => ({ kind: 'ANONYMOUS' }), expect: () => 'LEVEL' },
  {
    label: 'an institution without a grant',
    caller: () => ({ kind: 'INSTITUTION', organisation: UNGRANTED_BANK, purpose: PURPOSE }),
    expect: (f) => (f.level === 'INTERNAL' ? 'LEVEL' : 'NO_AUTHORISATION'),
  },
  {
    label: 'an institution with a grant for every department',
    caller: () => ({ kind: 'INSTITUTION', organisation: GRANTED_BANK, purpose: PURPOSE }),
    // No grant can cover the platform's own records: they stay with the entity and government.
    expect: (f) => (f.level === 'INTERNAL' ? 'LEVEL' : GRANTABLE.includes(f.domain) ? 'RELEASED' : 'DOMAIN'),
  },
  { label: 'government', caller: () => GOVERNMENT, expect: () => 'RELEASED' },
  {
    label: 'a subject: the entity itself, and another entity',
    perEntity: true,
    caller: (self) => ({ kind: 'SUBJECT', uscc: self }),
    // A case file's fields (@alsoToFiler) are the filer's: the entity reads them where it filed the case itself.
    expect: (f, entity, self, filed) =>
      f.filer && filed?.filerKind === 'SUBJECT' && filed.filedBy === self
        ? 'RELEASED'
        : f.level === 'AUTHORISED' && entity === self
          ? 'RELEASED'
          : f.filer && entity === self
            ? 'FILER'
            : 'LEVEL',
  },
];

const key = (path: Path) => path.join('.');

/** A list item's identity: a record's id, or the record an item is made from (a listing's sourceRecordId). */
function recordKey(item: unknown): unknown {
  const record = item as { id?: unknown; sourceRecordId?: unknown } | null | undefined;
  return record?.id ?? record?.sourceRecordId;
}

function stateOf(record: Record<string, unknown>): string | undefined {
  // A record withdrawn by its department (kit/collection) is out of view whether or not its type has a lifecycle.
  if (record.withdrawal) return 'WITHDRAWN';
  return (record.lifecycle as { state?: string } | null | undefined)?.state;
}

/**
 * Paths of what government sees that has left public view, in no other caller's answer: records whose
 * lifecycle is not IN_FORCE or that were withdrawn, and items made from such a record (the platform's listings).
 */
function outOfView(data: unknown, carried: ReadonlySet<unknown> = new Set()): Path[] {
  const hidden = new Set<unknown>();
  const walk = (node: unknown, visit: (record: Record<string, unknown>, path: Path) => boolean, path: Path = []): void => {
    if (Array.isArray(node)) return node.forEach((item, i) => walk(item, visit, [...path, i]));
    if (node === null || typeof node !== 'object') return;
    if (visit(node as Record<string, unknown>, path)) return;
    for (const [key, value] of Object.entries(node)) walk(value, visit, [...path, key]);
  };
  walk(data, (record) => {
    const state = stateOf(record);
    if ((state && state !== 'IN_FORCE') || (record.id !== undefined && carried.has(record.id))) hidden.add(record.id);
    return false;
  });
  const paths: Path[] = [];
  walk(data, (record, path) => {
    const state = stateOf(record);
    const out =
      (state !== undefined && state !== 'IN_FORCE') ||
      (record.id !== undefined && carried.has(record.id)) ||
      (record.sourceRecordId !== undefined && hidden.has(record.sourceRecordId));
    if (out) paths.push(path);
    return out;
  });
  return paths;
}

/**
 * Where a value of government's answer is in another caller's: list items that are records are
 * matched by id (the caller sees fewer of them); null where the caller's answer has no such record.
 */
function translate(truth: unknown, answer: unknown, path: Path): Path | null {
  const out: Path = [];
  let t = truth;
  let a = answer;
  for (const step of path) {
    if (typeof step === 'number' && Array.isArray(t) && Array.isArray(a)) {
      const id = recordKey(t[step]);
      const index = id === undefined || id === null ? step : a.findIndex((item) => recordKey(item) === id);
      if (index === -1) return null;
      out.push(index);
      t = t[step];
      a = a[index];
    } else {
      out.push(step);
      t = (t as Record<string | number, unknown> | null | undefined)?.[step];
      a = (a as Record<string | number, unknown> | null | undefined)?.[step];
    }
  }
  return out;
}

function valueAt(data: unknown, path: Path): unknown {
  let node = data;
  for (const step of path) {
    if (node === null || node === undefined) return undefined;
    node = (node as Record<string | number, unknown>)[step];
  }
  return node;
}

function shown(field: ProfileField, value: unknown): unknown {
  if (value === undefined) return 'absent';
  if (VOLATILE.has(field.coordinate) || field.children) return value === null ? null : 'present';
  return value;
}

/** The case (an objection) enclosing a value in government's answer: the nearest object naming its filer. */
function filedCaseAt(data: unknown, path: Path): Filed {
  for (let length = path.length - 1; length > 0; length -= 1) {
    const node = valueAt(data, path.slice(0, length)) as Filed | null;
    if (node && typeof node === 'object' && !Array.isArray(node) && 'filedBy' in node) return node;
  }
  return undefined;
}

function isVolatile(o: Occurrence): boolean {
  for (let g = o.guard; g; g = g.guard) if (VOLATILE.has(g.field.coordinate)) return true;
  return false;
}

/** The first repairable market record in force among these entities, as government sees them; null if none. */
async function recordInForce(usccs: readonly string[]): Promise<{ uscc: string; recordId: string } | null> {
  const records = `id lifecycle { state }`;
  const result = await graphql(
    `query($usccs: [USCC!]!) { entities(usccs: $usccs) { uscc market { penalties { ${records} } abnormalOperations { ${records} } seriousViolations { ${records} } } } }`,
    { usccs },
    { headers: await headersFor(GOVERNMENT) },
  );
  expect(result.errors).toBeUndefined();
  for (const entity of result.data.entities) {
    const { penalties, abnormalOperations, seriousViolations } = entity.market;
    const found = [...penalties, ...abnormalOperations, ...seriousViolations].find((r: { lifecycle: { state: string } }) => r.lifecycle.state === 'IN_FORCE');
    if (found) return { uscc: entity.uscc, recordId: found.id };
  }
  return null;
}

/**
 * A decided objection (upheld, corrected) and a decided credit-repair application (rejected) on one
 * record of the entities, so that every field of both has a value. Neither leaves the record out of
 * view or disputed, so no other suite sees a difference but the correction note.
 */
async function decidedCases(usccs: string[]): Promise<void> {
  let found = await recordInForce(usccs);
  for (let from = 0; !found && from < demoSubjects().length; from += 100) {
    const page = demoSubjects().slice(from, from + 100).map((s) => s.uscc);
    found = await recordInForce(page);
    if (found) usccs.push(found.uscc);
  }
  expect(found, 'a demo entity with a market record in force').toBeTruthy();
  const { uscc, recordId } = found!;
  const subject = await headersFor({ kind: 'SUBJECT', uscc });
  const market = await headersFor({ kind: 'GOVERNMENT', department: 'MARKET' });
  const call = async (query: string, variables: Record<string, unknown>, headers: Record<string, string>) => {
    const result = await graphql(query, variables, { headers });
    expect(result.errors).toBeUndefined();
    return result.data;
  };
  const filed = await call(`mutation($input: ObjectionInput!) { fileObjection(input: $input) { id } }`, { input: { recordId, reason: `matrix ${run}: disputed to give every objection field a value` } }, subject);
  await call(
    `mutation($id: ID!) { decideObjection(id: $id, outcome: CORRECTED, reason: "checked", correctionNote: "matrix: the authority's name was corrected") { id } }`,
    { id: filed.fileObjection.id },
    market,
  );
  const applied = await call(
    `mutation($input: CreditRepairInput!) { applyForCreditRepair(input: $input) { id } }`,
    { input: { uscc, recordId, reason: `matrix ${run}: applied to give every application field a value` } },
    subject,
  );
  await call(`mutation($id: ID!) { decideCreditRepair(id: $id, decision: REJECT, reason: "not yet corrected") { id } }`, { id: applied.applyForCreditRepair.id }, market);
}

/**
 * An objection a bank filed (so the entity is not its filer) on a record of the collected entity,
 * still open, and the record resubmitted meanwhile: every field of the case file, its resubmissions
 * included, has a value, and the entity meets the filer rule (FILER) as well as its own case.
 */
async function disputedByABank(uscc: string): Promise<void> {
  const penalty = penaltySubmission(uscc, { decisionNumber: `矩阵罚〔${run}〕1号` });
  const market = await headersFor({ kind: 'GOVERNMENT', department: 'MARKET' });
  const submit = `mutation($r: [PenaltySubmission!]!) { market { submitPenalties(records: $r) { accepted updated } } }`;
  const submitted = await graphql(submit, { r: [penalty] }, { headers: market });
  expect(submitted.errors).toBeUndefined();
  const found = await graphql(`query($uscc: USCC!) { entity(uscc: $uscc) { market { penalties { id sourceId } } } }`, { uscc }, { headers: market });
  const recordId = found.data.entity.market.penalties.find((p: { sourceId: string }) => p.sourceId === penalty.sourceId).id;
  const filed = await graphql(
    `mutation($input: ObjectionInput!) { fileObjection(input: $input) { id } }`,
    { input: { recordId, reason: `matrix ${run}: a bank disputes the fine` } },
    { headers: await headersFor({ kind: 'INSTITUTION', organisation: GRANTED_BANK, purpose: PURPOSE }) },
  );
  expect(filed.errors).toBeUndefined();
  const resubmitted = await graphql(submit, { r: [{ ...penalty, fineAmount: '4321.00' }] }, { headers: market });
  expect(resubmitted.data.market.submitPenalties).toEqual({ accepted: 0, updated: 1 });
}

/** Grant every grantable domain to GRANTED_BANK, as each entity itself would. */
async function grantAll(usccs: readonly string[]): Promise<void> {
  for (const uscc of usccs) {
    const result = await graphql(
      `mutation($input: GrantAuthorisationInput!) { grantAuthorisation(input: $input) { id status } }`,
      { input: { uscc, organisation: GRANTED_BANK, domains: GRANTABLE, purposes: [PURPOSE], validUntil: addDays(chinaToday(), 365) } },
      { headers: await headersFor({ kind: 'SUBJECT', uscc }) },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.grantAuthorisation.status).toBe('LIVE');
  }
}

/**
 * Demo subjects that between them hold at least one value of every protected field, found by asking
 * as government (who sees everything) and covering greedily.
 */
async function chooseSubjects(): Promise<string[]> {
  const government = await headersFor(GOVERNMENT);
  const seenIn = new Map<string, Set<string>>();
  const usccs = demoSubjects().map((s) => s.uscc);
  for (let from = 0; from < usccs.length; from += 100) {
    const result = await graphql(PROFILE, { usccs: usccs.slice(from, from + 100) }, { headers: government });
    expect(result.errors).toBeUndefined();
    result.data.entities.forEach((entity: Record<string, unknown> | null, i: number) => {
      if (!entity) return;
      for (const o of occurrences(entity, FIELDS, [])) {
        if (o.field.level === 'PUBLIC' || o.value === null) continue;
        const holders = seenIn.get(o.field.coordinate) ?? new Set();
        holders.add(usccs[from + i]);
        seenIn.set(o.field.coordinate, holders);
      }
    });
  }
  const chosen: string[] = [];
  const uncovered = new Set(seenIn.keys());
  while (uncovered.size > 0) {
    let best = '';
    let bestCount = 0;
    for (const uscc of usccs) {
      const count = [...uncovered].filter((c) => seenIn.get(c)!.has(uscc)).length;
      if (count > bestCount) [best, bestCount] = [uscc, count];
    }
    chosen.push(best);
    for (const c of [...uncovered]) if (seenIn.get(c)!.has(best)) uncovered.delete(c);
  }
  // At least two, so that a subject's request always holds another entity too.
  if (chosen.length < 2) chosen.push(usccs.find((u) => !chosen.includes(u))!);
  return chosen;
}

describe('the access matrix: every caller kind × every level × every domain', () => {
  let chosen: string[] = [];
  let truth: GraphQLResult;
  let truthOccurrences: { entity: string; o: Occurrence }[] = [];
  let hiddenRecords: Path[] = [];
  let references: ReferenceOracle;
  const answers = new Map<string, GraphQLResult[]>();

  beforeAll(async () => {
    chosen = await chooseSubjects();
    // Collection's fields (revisions, withdrawals) have no demo values: one entity fed through it.
    chosen.push(await createCollectedEntity());
    await decidedCases(chosen);
    await disputedByABank(chosen[chosen.length - 1]);
    await grantAll(chosen);
    // A paper authorisation and an institution's query, so that every platform field has a value too.
    const paper = await graphql(
      `mutation($input: PaperAuthorisationInput!) { recordPaperAuthorisation(input: $input) { id } }`,
      { input: { uscc: chosen[0], organisation: PAPER_BANK, domains: ['MARKET'], purposes: [PURPOSE], validUntil: addDays(chinaToday(), 30), evidenceReference: `授权书-${run}` } },
      { headers: await headersFor(GOVERNMENT) },
    );
    expect(paper.errors).toBeUndefined();
    await graphql(PROFILE, { usccs: chosen }, { headers: await headersFor({ kind: 'INSTITUTION', organisation: GRANTED_BANK, purpose: PURPOSE }) });
    truth = await graphql(PROFILE, { usccs: chosen }, { headers: await headersFor(GOVERNMENT) });
    expect(truth.errors).toBeUndefined();
    truthOccurrences = truth.data.entities.flatMap((entity: Record<string, unknown>, i: number) =>
      occurrences(entity, FIELDS, ['entities', i]).map((o) => ({ entity: chosen[i], o })),
    );
    // A record that leaves view with the one it names (references.ts) is out of view like it.
    references = new ReferenceOracle(truth.data, truthOccurrences);
    const carried = new Set(references.carriedOutOfView(truthOccurrences).map((path) => valueAt(truth.data, [...path, 'id'])));
    hiddenRecords = outOfView(truth.data, carried);
    for (const matrixCaller of CALLERS) {
      const selves = matrixCaller.perEntity ? chosen : [chosen[0]];
      const results: GraphQLResult[] = [];
      for (const self of selves) results.push(await graphql(PROFILE, { usccs: chosen }, { headers: await headersFor(matrixCaller.caller(self)) }));
      answers.set(matrixCaller.label, results);
    }
  }, 120_000);

  it('reaches a value of every protected field of every department (else the matrix proves nothing)', () => {
    const reached = new Set(truthOccurrences.filter(({ o }) => o.value !== null && o.value !== undefined).map(({ o }) => o.field.coordinate));
    expect(PROTECTED.map((f) => f.coordinate).filter((c) => !reached.has(c))).toEqual([]);
    // Each domain has fields above PUBLIC, at the levels its SDL declares.
    for (const domain of DOMAINS) expect(PROTECTED.some((f) => f.domain === domain), domain).toBe(true);
  });

  it('has records out of public view to withhold (else the row-level half proves nothing)', () => {
    expect(hiddenRecords.length).toBeGreaterThan(0);
  });

  describe.each(CALLERS)('$label', (matrixCaller) => {
    const government = matrixCaller.label === 'government';

    it('sees the records out of public view if, and only if, it is government', () => {
      for (const result of answers.get(matrixCaller.label)!) {
        for (const path of hiddenRecords) {
          const list = translate(truth.data, result.data, path.slice(0, -1));
          const id = recordKey(valueAt(truth.data, path));
          const ids = ((list && valueAt(result.data, list)) as unknown[] | null | undefined)?.map(recordKey);
          // A list denied as a whole (null) shows nothing either.
          if (government) expect(ids, key(path)).toContain(id);
          else expect(ids ?? [], key(path)).not.toContain(id);
        }
      }
    });

    it.each(DOMAINS)('gets exactly what it may of %s: each value, or FORBIDDEN with the reason', (domain) => {
      const results = answers.get(matrixCaller.label)!;
      const selves = matrixCaller.perEntity ? chosen : [chosen[0]];
      results.forEach((result, r) => {
        const self = selves[r];
        const outcomes = new Map<Occurrence, Outcome>();
        const outcome = (o: Occurrence, entity: string): Outcome => {
          if (!outcomes.has(o)) outcomes.set(o, o.field.level === 'PUBLIC' ? 'RELEASED' : matrixCaller.expect(o.field, entity, self, filedCaseAt(truth.data, o.path)));
          return outcomes.get(o)!;
        };
        const errorsAt = new Map((result.errors ?? []).map((e) => [key(e.path ?? []), e]));
        const expected: Record<string, unknown> = {};
        const actual: Record<string, unknown> = {};
        let examined = 0;
        for (const { entity, o } of truthOccurrences) {
          // Below a denied field nothing is resolved; only the outermost denial is visible.
          let hidden = false;
          for (let g = o.guard; g; g = g.guard) if (outcome(g, entity) !== 'RELEASED') hidden = true;
          if (hidden || isVolatile(o) || o.field.domain !== domain) continue;
          // A record out of public view is not in this caller's answer at all (the test above).
          if (!government && hiddenRecords.some((p) => key(o.path).startsWith(`${key(p)}.`) || key(o.path) === key(p))) continue;
          const at = key(o.path);
          const there = translate(truth.data, result.data, o.path) ?? o.path;
          const verdict = outcome(o, entity);
          if (o.field.level !== 'PUBLIC') examined += 1;
          expected[at] = verdict === 'RELEASED' ? shown(o.field, o.value) : { code: 'FORBIDDEN', reason: verdict };
          // A field naming a record follows that record (references.ts): withheld, or its mentions redacted.
          if (!government && verdict === 'RELEASED' && REFERENCES.has(o.field.coordinate)) {
            if (REFERENCES.get(o.field.coordinate)!.mentions) expected[at] = shown(o.field, references.redacted(o));
            else if (!references.releases(o)) expected[at] = { code: 'FORBIDDEN', reason: 'OUT_OF_VIEW' };
          }
          const error = errorsAt.get(key(there));
          actual[at] = error ? { code: error.extensions?.code, reason: error.extensions?.reason } : shown(o.field, valueAt(result.data, there));
        }
        expect(actual).toEqual(expected);
        expect(examined, `protected ${domain} values examined`).toBeGreaterThan(0);
      });
    });

    it('is told of no denial but those', () => {
      for (const result of answers.get(matrixCaller.label)!) {
        for (const error of result.errors ?? []) {
          expect(error.extensions?.code, error.message).toBe('FORBIDDEN');
          expect(valueAt(result.data, error.path ?? []), key(error.path ?? [])).toBeNull();
        }
        if (matrixCaller.label === 'government') expect(result.errors).toBeUndefined();
      }
    });
  });
});
