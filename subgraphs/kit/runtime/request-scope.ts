import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What one GraphQL request did inside this process. The database layer adds to `sqlStatements`, the
 * access layer to its platform calls, through AsyncLocalStorage, so batching can be proved by counting
 * rather than by reading code.
 */
export interface RequestScope {
  requestId: string;
  sqlStatements: number;
  /** Calls to the platform for grants (one per request at most, for an institution). */
  authorisationLookups?: number;
  /** Writes to the access log (one per request at most). */
  accessLogWrites?: number;
  /** Aborts when the request's client went away: the database layer then runs no further statement. */
  abandoned?: AbortSignal;
  /** The service serving it ('gateway' or the department), for metrics labels. */
  service?: string;
  /** What its log line will say (request-log.ts). */
  log?: RequestLogRecord;
}

/** Filled in while a request runs, written as one line when it ends (request-log.ts). */
export interface RequestLogRecord {
  operation?: string | null;
  correlationId?: string;
  callerKind?: string;
  /** An institution's organisation or a government caller's department; never a person or a USCC. */
  callerOrganisation?: string;
  /** The departments the gateway called for it. */
  departments: Set<string>;
  /** The errors of the response, by code. */
  errorCodes: string[];
}

export interface RequestCounts {
  sqlStatements: number;
  authorisationLookups: number;
  accessLogWrites: number;
}

const storage = new AsyncLocalStorage<RequestScope>();

export function runInRequestScope<T>(scope: RequestScope, fn: () => T): T {
  return storage.run(scope, fn);
}

export function currentRequestScope(): RequestScope | undefined {
  return storage.getStore();
}

/**
 * Counts of recent requests by request id, for `/stats?request=<id>`. Bounded so that a long-running
 * server does not grow: the oldest entries go first.
 */
export class StatementLedger {
  private readonly counts = new Map<string, RequestCounts>();
  private total = 0;

  constructor(private readonly capacity = 10_000) {}

  record(scope: RequestScope): void {
    this.total += scope.sqlStatements;
    const before = this.counts.get(scope.requestId);
    this.counts.delete(scope.requestId);
    this.counts.set(scope.requestId, {
      sqlStatements: (before?.sqlStatements ?? 0) + scope.sqlStatements,
      authorisationLookups: (before?.authorisationLookups ?? 0) + (scope.authorisationLookups ?? 0),
      accessLogWrites: (before?.accessLogWrites ?? 0) + (scope.accessLogWrites ?? 0),
    });
    if (this.counts.size > this.capacity) {
      const oldest = this.counts.keys().next().value;
      if (oldest !== undefined) this.counts.delete(oldest);
    }
  }

  forRequest(requestId: string): number | undefined {
    return this.counts.get(requestId)?.sqlStatements;
  }

  countsForRequest(requestId: string): RequestCounts | undefined {
    return this.counts.get(requestId);
  }

  get totalStatements(): number {
    return this.total;
  }
}

/**
 * Routes a department serves for the platform on a gateway request's behalf (the record-status
 * route), counted in `ledger` under that request's id, which the platform forwards: so `/stats` shows
 * what one request cost a department whether its work came by GraphQL or by the platform's call.
 */
export function countedUnderRequest<R extends (req: import('node:http').IncomingMessage, ...rest: any[]) => unknown>(
  ledger: StatementLedger,
  requestIdOf: (req: import('node:http').IncomingMessage) => string,
  routes: Record<string, R>,
): Record<string, R> {
  return Object.fromEntries(
    Object.entries(routes).map(([path, route]) => [
      path,
      (async (req: import('node:http').IncomingMessage, ...rest: unknown[]) => {
        const scope: RequestScope = { requestId: requestIdOf(req), sqlStatements: 0 };
        try {
          return await runInRequestScope(scope, () => route(req, ...rest));
        } finally {
          ledger.record(scope);
        }
      }) as unknown as R,
    ]),
  );
}
