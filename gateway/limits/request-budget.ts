import { AsyncLocalStorage } from 'node:async_hooks';
import { GraphQLError } from 'graphql';
import type { KeepAliveRequest, KeepAliveResponse } from '../../subgraphs/kit/runtime/keep-alive-fetch.ts';

/**
 * What one client request may still cost the gateway in subgraph answers: the bytes it may buffer,
 * and a signal that abandons its subgraph calls when the client is gone or the budget is spent. The
 * gateway buffers every subgraph answer whole (Apollo reads them as JSON), so without a budget one
 * request could hold as much memory as the departments could send.
 */
export interface RequestBudget {
  readonly signal: AbortSignal;
  remainingBytes: number;
  readonly maxBytes: number;
}

const storage = new AsyncLocalStorage<RequestBudget>();

/** Runs one request's execution with its budget; `abandoned` is the client going away. */
export function runWithinBudget<T>(maxBytes: number, abandoned: AbortSignal, run: () => Promise<T>): Promise<T> {
  const spent = new AbortController();
  const signal = AbortSignal.any([abandoned, spent.signal]);
  const budget: RequestBudget & { spend(): void } = { signal, remainingBytes: maxBytes, maxBytes, spend: () => spent.abort() };
  return storage.run(budget, run);
}

function responseTooLarge(maxBytes: number): GraphQLError {
  return new GraphQLError(`The departments' answers to this request are over ${maxBytes} bytes in all; ask for fewer entities or fields`, {
    extensions: { code: 'RESPONSE_TOO_LARGE', max: maxBytes },
  });
}

type Fetch = (url: string, init?: KeepAliveRequest) => Promise<KeepAliveResponse>;

/**
 * Subgraph calls within the current request's budget: each answer may be at most what is left, and
 * once it is spent the request's other calls are abandoned (their connections closed, so each
 * department stops working on them) and answer RESPONSE_TOO_LARGE.
 */
export function withinBudget(fetch: Fetch): Fetch {
  return async (url, init = {}) => {
    const budget = storage.getStore() as (RequestBudget & { spend(): void }) | undefined;
    if (!budget) return fetch(url, init);
    if (budget.remainingBytes <= 0) throw responseTooLarge(budget.maxBytes);
    try {
      const response = await fetch(url, { ...init, signal: budget.signal, maxResponseBytes: budget.remainingBytes });
      budget.remainingBytes -= Number(response.headers.get('content-length') ?? 0);
      return response;
    } catch (error) {
      if (error instanceof Error && error.name === 'ResponseTooLargeError') {
        budget.remainingBytes = 0;
        budget.spend();
        throw responseTooLarge(budget.maxBytes);
      }
      throw error;
    }
  };
}
