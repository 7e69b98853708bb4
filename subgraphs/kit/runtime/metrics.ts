import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/**
 * The process's Prometheus metrics, in one registry served at `/metrics` (metrics-server.ts). Kept in
 * one module so every name, label and bucket is seen together; the rest of the code only calls the
 * `count…`/`observe…` functions below. Labels are bounded: departments, levels, reasons and outcomes
 * are fixed lists, and operation names are capped (see `operationLabel`).
 */
export const metricsRegistry = new Registry();

let processMetrics = false;
/** Node's own figures (CPU, memory, event-loop lag, GC): once per process. */
export function collectProcessMetrics(): void {
  if (processMetrics) return;
  processMetrics = true;
  collectDefaultMetrics({ register: metricsRegistry });
}

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const SQL_SECONDS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];
const registers = [metricsRegistry];

const requestDuration = new Histogram({
  name: 'credit_graphql_request_duration_seconds',
  help: 'GraphQL requests served, by service, operation name and outcome (ok, error, refused)',
  labelNames: ['service', 'operation', 'outcome'] as const,
  buckets: SECONDS,
  registers,
});
const subgraphFetchDuration = new Histogram({
  name: 'credit_subgraph_fetch_duration_seconds',
  help: "The gateway's calls to each department, by outcome (ok, error, unavailable)",
  labelNames: ['department', 'outcome'] as const,
  buckets: SECONDS,
  registers,
});
const subgraphFetchErrors = new Counter({
  name: 'credit_subgraph_fetch_errors_total',
  help: 'Department calls that failed, by department and why (unreachable, timeout, http_5xx, graphql)',
  labelNames: ['department', 'reason'] as const,
  registers,
});
const sqlStatements = new Counter({
  name: 'credit_sql_statements_total',
  help: "SQL statements each department's code sent (the figure /stats reports per request)",
  labelNames: ['department'] as const,
  registers,
});
const sqlDuration = new Histogram({
  name: 'credit_sql_round_trip_duration_seconds',
  help: "Round trips to each department's database (reads sent together are one), waiting for a connection included",
  labelNames: ['department', 'outcome'] as const,
  buckets: SQL_SECONDS,
  registers,
});
const loaderBatchSize = new Histogram({
  name: 'credit_dataloader_batch_size',
  help: 'Keys per DataLoader batch (one statement each), by department',
  labelNames: ['department'] as const,
  buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000],
  registers,
});
const accessDecisions = new Counter({
  name: 'credit_access_decisions_total',
  help: 'Decisions on fields above PUBLIC, by department, level and reason (ALLOWED, LEVEL, NO_AUTHORISATION, EXPIRED, …)',
  labelNames: ['department', 'level', 'reason'] as const,
  registers,
});
const accessLogWriteFailures = new Counter({
  name: 'credit_access_log_write_failures_total',
  help: 'Releases withheld because the access log could not record them, by department',
  labelNames: ['department'] as const,
  registers,
});
const refusals = new Counter({
  name: 'credit_refusals_total',
  help: 'Requests refused before execution, by service and kind (operation-limit, rate-limit, …)',
  labelNames: ['service', 'kind'] as const,
  registers,
});
const freeTextRedactions = new Counter({
  name: 'credit_free_text_redactions_total',
  help: 'Personal identifiers redacted from published free text, by department, field (Type.field, one of the screened fields its schema has) and kind (ID_NUMBER, PHONE, BANK_CARD)',
  labelNames: ['department', 'field', 'kind'] as const,
  registers,
});
const callerHeaderFailures = new Counter({
  name: 'credit_caller_header_verification_failures_total',
  help: 'Caller headers that were present but did not verify (the request was served as anonymous), by audience and reason',
  labelNames: ['audience', 'reason'] as const,
  registers,
});

export type RequestOutcome = 'ok' | 'error' | 'refused';

/** Client-chosen names could grow the label set without end: a fixed shape and at most this many. */
const MAX_OPERATION_NAMES = 200;
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const operationNames = new Set<string>();

export function operationLabel(name: string | null | undefined): string {
  if (!name) return 'anonymous';
  if (!OPERATION_NAME.test(name)) return 'invalid';
  if (operationNames.has(name)) return name;
  if (operationNames.size >= MAX_OPERATION_NAMES) return 'other';
  operationNames.add(name);
  return name;
}

export function observeRequest(service: string, operation: string | null | undefined, outcome: RequestOutcome, seconds: number): void {
  requestDuration.observe({ service, operation: operationLabel(operation), outcome }, seconds);
}

export function observeSubgraphFetch(department: string, outcome: 'ok' | 'error' | 'unavailable', seconds: number): void {
  subgraphFetchDuration.observe({ department, outcome }, seconds);
}

export function countSubgraphFetchError(department: string, reason: 'unreachable' | 'timeout' | 'http_5xx' | 'http_4xx' | 'graphql'): void {
  subgraphFetchErrors.inc({ department, reason });
}

export function countSqlStatement(department: string): void {
  sqlStatements.inc({ department });
}

export function observeSqlRoundTrip(department: string, outcome: 'ok' | 'error', seconds: number): void {
  sqlDuration.observe({ department, outcome }, seconds);
}

export function observeLoaderBatch(department: string, keys: number): void {
  loaderBatchSize.observe({ department }, keys);
}

export function countAccessDecision(department: string, level: string, reason: string): void {
  accessDecisions.inc({ department, level, reason });
}

export function countAccessLogWriteFailure(department: string): void {
  accessLogWriteFailures.inc({ department });
}

/**
 * A request refused before execution. For the edge's limits: call with the service ('gateway' or the
 * department) and the kind of limit, e.g. `countRefusal('gateway', 'rate-limit')`.
 */
export function countRefusal(service: string, kind: 'operation-limit' | 'rate-limit' | 'body-limit' | (string & {})): void {
  refusals.inc({ service, kind });
}

/** Redactions in one value of a screened field (kit/disclosure/personal-identifiers.ts): the field is a schema coordinate, so the label set is bounded by the schema. */
export function countFreeTextRedactions(department: string, field: string, kind: string, count: number): void {
  freeTextRedactions.inc({ department, field, kind }, count);
}

export function countCallerHeaderFailure(audience: string, reason: string): void {
  callerHeaderFailures.inc({ audience, reason });
}
