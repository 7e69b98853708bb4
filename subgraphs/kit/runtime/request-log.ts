import type { IncomingMessage } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Caller } from '../identity/caller.ts';
import type { Logger } from './logger.ts';
import { countRefusal, observeRequest, type RequestOutcome } from './metrics.ts';
import { currentTraceId, inServerSpan } from './tracing.ts';
import { currentRequestScope, runInRequestScope, type RequestLogRecord, type RequestScope } from './request-scope.ts';

export const CORRELATION_ID_HEADER = 'x-correlation-id';
const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,80}$/;

/** The edge's refusals, by the code of their error, for `credit_refusals_total`. */
const REFUSAL_KINDS: Readonly<Record<string, string>> = {
  RATE_LIMITED: 'rate-limit',
  OPERATION_TOO_COMPLEX: 'operation-limit',
  RESPONSE_TOO_LARGE: 'response-limit',
};

/** Response codes that mean the request was turned away rather than served. */
const REFUSAL_STATUSES = new Set([400, 401, 403, 413, 429]);

/**
 * What the request log learns from inside GraphQL execution: the operation's name, who asked and the
 * errors by code. Nothing of the query, its variables or a token.
 */
export function requestLogPlugin(): ApolloServerPlugin<{ caller?: Caller }> {
  return {
    // A request refused while its context was made (rate limit, operation limit, bad token) has no
    // requestDidStart: its error code is noted here.
    async contextCreationDidFail({ error }) {
      const record = currentRequestScope()?.log;
      if (record) record.errorCodes.push(String((error as { extensions?: { code?: unknown } }).extensions?.code ?? 'UNKNOWN'));
    },
    async requestDidStart() {
      const record = currentRequestScope()?.log;
      return {
        async didResolveOperation({ operationName }) {
          if (record) record.operation = operationName;
        },
        async willSendResponse({ contextValue, response, operationName }) {
          if (!record) return;
          record.operation ??= operationName;
          const caller = contextValue.caller;
          if (caller) {
            record.callerKind = caller.kind;
            if (caller.kind === 'INSTITUTION') record.callerOrganisation = caller.organisation;
            if (caller.kind === 'GOVERNMENT') record.callerOrganisation = caller.department;
          }
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
          for (const error of errors ?? []) record.errorCodes.push(String(error.extensions?.code ?? 'UNKNOWN'));
        },
      };
    },
  };
}

/** The correlation id a request carries on to the departments: the client's, else this request's id. */
export function correlationIdOf(scope: RequestScope | undefined): string | undefined {
  return scope?.log?.correlationId ?? scope?.requestId;
}

function countBy(codes: readonly string[]): Record<string, number> | undefined {
  if (codes.length === 0) return undefined;
  const counts: Record<string, number> = {};
  for (const code of codes) counts[code] = (counts[code] ?? 0) + 1;
  return counts;
}

/**
 * The `around` of serveGraphQL that makes one JSON log line and one duration observation per request:
 * it opens the request scope (request-scope.ts) that the plugin above, the gateway's department calls
 * and the database fill in, and reports when the response is ready. `onEnd` sees the scope last
 * (the department's /stats ledger).
 */
export function observeRequests(service: string, logger: Logger, onEnd?: (scope: RequestScope) => void) {
  // Without `req`: a query a department runs for another on a caller's behalf (kit/forwarded-query).
  return <T>(requestId: string, run: () => Promise<T>, abandoned?: AbortSignal, req?: IncomingMessage): Promise<T> =>
    inServerSpan(`${service} ${req?.method ?? 'POST'} /graphql`, req?.headers ?? {}, () => observed(requestId, run, abandoned, req));

  async function observed<T>(requestId: string, run: () => Promise<T>, abandoned: AbortSignal | undefined, req: IncomingMessage | undefined): Promise<T> {
    const given = req?.headers[CORRELATION_ID_HEADER];
    const log: RequestLogRecord = { departments: new Set(), errorCodes: [], correlationId: typeof given === 'string' && CORRELATION_ID.test(given) ? given : undefined };
    const scope: RequestScope = { requestId, sqlStatements: 0, service, log, abandoned };
    const started = performance.now();
    let status = 500;
    try {
      const response = await runInRequestScope(scope, run);
      status = (response as { status?: number } | undefined)?.status ?? 200;
      return response;
    } finally {
      const seconds = (performance.now() - started) / 1000;
      const outcome: RequestOutcome = REFUSAL_STATUSES.has(status) ? 'refused' : status >= 400 || log.errorCodes.length > 0 ? 'error' : 'ok';
      observeRequest(service, log.operation, outcome, seconds);
      for (const code of new Set(log.errorCodes)) if (REFUSAL_KINDS[code]) countRefusal(service, REFUSAL_KINDS[code]);
      onEnd?.(scope);
      logger.info(
        {
          requestId,
          correlationId: log.correlationId ?? requestId,
          traceId: currentTraceId(),
          caller: log.callerKind,
          organisation: log.callerOrganisation,
          operation: log.operation ?? undefined,
          status,
          durationMs: Math.round(seconds * 10_000) / 10,
          departments: log.departments.size > 0 ? [...log.departments] : undefined,
          sqlStatements: service === 'gateway' ? undefined : scope.sqlStatements,
          errors: countBy(log.errorCodes),
          outcome,
        },
        'request',
      );
    }
  }
}
