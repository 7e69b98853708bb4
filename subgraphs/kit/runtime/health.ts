import { sendJson, type Route } from './http-server.ts';

/**
 * One condition a process needs before it can serve (its database answers, its supergraph is loaded,
 * its keys are present). Resolves to nothing when met; throws or rejects with what is wrong.
 */
export interface ReadinessCheck {
  name: string;
  check(): void | Promise<void>;
}

export interface Health {
  /** `/healthz` (the process lives), `/readyz` (it can serve now), and `/health`, kept for old probes. */
  routes: Record<string, Route>;
  /** From now on `/readyz` answers 503 so balancers stop sending work; `/healthz` stays 200. */
  startDraining(): void;
  readonly draining: boolean;
  /** Runs every check once: what `/readyz` answers. */
  readiness(): Promise<{ ready: boolean; checks: Record<string, string> }>;
}

/** A check that hangs (a database behind a dead network path) counts as failed after this long. */
const CHECK_TIMEOUT_MS = 2_000;

async function within<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Liveness and readiness, apart: a process whose database is down is alive (restarting it would not
 * help) but not ready (it should get no traffic until the database is back), and it becomes ready again
 * by itself, since every probe runs the checks afresh.
 */
export function createHealth(service: string, checks: readonly ReadinessCheck[]): Health {
  let draining = false;
  const readiness = async () => {
    const results: Record<string, string> = {};
    if (draining) results.draining = 'shutting down';
    await Promise.all(
      checks.map(async ({ name, check }) => {
        try {
          await within(Promise.resolve().then(check), CHECK_TIMEOUT_MS);
          results[name] = 'ok';
        } catch (error) {
          results[name] = (error as Error).message || String(error);
        }
      }),
    );
    return { ready: !draining && Object.values(results).every((r) => r === 'ok'), checks: results };
  };
  const live: Route = (_req, res) => sendJson(res, 200, { status: 'ok', service });
  return {
    routes: {
      '/healthz': live,
      '/health': live,
      '/readyz': async (_req, res) => {
        const { ready, checks: results } = await readiness();
        sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', service, checks: results });
      },
    },
    startDraining() {
      draining = true;
    },
    get draining() {
      return draining;
    },
    readiness,
  };
}
