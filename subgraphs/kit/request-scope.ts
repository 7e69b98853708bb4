import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What one GraphQL request did inside this process. The database layer adds to `sqlStatements`
 * through AsyncLocalStorage, so batching can be proved by counting rather than by reading code.
 */
export interface RequestScope {
  requestId: string;
  sqlStatements: number;
}

const storage = new AsyncLocalStorage<RequestScope>();

export function runInRequestScope<T>(scope: RequestScope, fn: () => T): T {
  return storage.run(scope, fn);
}

export function currentRequestScope(): RequestScope | undefined {
  return storage.getStore();
}

/**
 * SQL statement counts of recent requests by request id, for `/stats?request=<id>`. Bounded so that a
 * long-running server does not grow: the oldest entries go first.
 */
export class StatementLedger {
  private readonly counts = new Map<string, number>();
  private total = 0;

  constructor(private readonly capacity = 10_000) {}

  record(scope: RequestScope): void {
    this.total += scope.sqlStatements;
    this.counts.delete(scope.requestId);
    this.counts.set(scope.requestId, (this.counts.get(scope.requestId) ?? 0) + scope.sqlStatements);
    if (this.counts.size > this.capacity) {
      const oldest = this.counts.keys().next().value;
      if (oldest !== undefined) this.counts.delete(oldest);
    }
  }

  forRequest(requestId: string): number | undefined {
    return this.counts.get(requestId);
  }

  get totalStatements(): number {
    return this.total;
  }
}
