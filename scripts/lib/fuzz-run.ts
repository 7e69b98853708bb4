import { leaksIn, type FuzzRequest } from './fuzz.ts';

export interface FuzzOutcome {
  kind: string;
  status: number;
  leaks: string[];
  /** What went wrong on the client side (a reset connection), if anything. */
  failure?: string;
  /** The start of a bad answer, to see what leaked. */
  sample?: string;
}

/** Sends each request to `origin` (the gateway's), `concurrency` at a time, and reads every answer whole. */
export async function sendFuzz(origin: string, requests: readonly FuzzRequest[], concurrency = 8): Promise<FuzzOutcome[]> {
  const outcomes: FuzzOutcome[] = new Array(requests.length);
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const i = next++;
      const r = requests[i];
      try {
        const response = await fetch(new URL(r.path, origin), { method: r.method, headers: r.headers, body: r.body, signal: AbortSignal.timeout(20_000) });
        const body = await response.text();
        const leaks = leaksIn(body);
        outcomes[i] = { kind: r.kind, status: response.status, leaks, ...(leaks.length || response.status >= 500 ? { sample: body.slice(0, 600) } : {}) };
      } catch (error) {
        outcomes[i] = { kind: r.kind, status: 0, leaks: [], failure: (error as Error).cause ? String((error as Error).cause) : String(error) };
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return outcomes;
}

/** Per kind of request: how many, the statuses seen, 5xx and leaks. */
export function summarise(outcomes: readonly FuzzOutcome[]): { kind: string; sent: number; statuses: string; serverErrors: number; leaks: number; failures: number }[] {
  const byKind = new Map<string, FuzzOutcome[]>();
  for (const o of outcomes) byKind.set(o.kind, [...(byKind.get(o.kind) ?? []), o]);
  return [...byKind.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([kind, list]) => {
      const statuses = new Map<number, number>();
      for (const o of list) statuses.set(o.status, (statuses.get(o.status) ?? 0) + 1);
      return {
        kind,
        sent: list.length,
        statuses: [...statuses.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' '),
        serverErrors: list.filter((o) => o.status >= 500).length,
        leaks: list.filter((o) => o.leaks.length > 0).length,
        failures: list.filter((o) => o.failure).length,
      };
    });
}
