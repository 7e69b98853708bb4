import { readPositiveInteger } from './config.ts';

/** How a service leaves on SIGTERM: readiness fails first, then the requests under way finish. */
export interface DrainOptions {
  /**
   * How long `/readyz` answers 503 while the service still accepts requests, so a balancer that
   * probes it stops sending new ones before the port closes (`SHUTDOWN_DELAY_MS`). @default 0
   */
  delayMs: number;
  /**
   * How long requests under way may take to finish after the port closes; the gateway waits this long
   * for a department, so a request in flight is never cut shorter than that (`SUBGRAPH_TIMEOUT_MS`). @default 5000
   */
  graceMs: number;
}

export function readDrainOptions(env: NodeJS.ProcessEnv = process.env): DrainOptions {
  const delay = env.SHUTDOWN_DELAY_MS;
  return {
    delayMs: delay === '0' ? 0 : readPositiveInteger('SHUTDOWN_DELAY_MS', 0, env),
    graceMs: readPositiveInteger('SUBGRAPH_TIMEOUT_MS', 5000, env),
  };
}

/** A running service that can leave gracefully: what runEntryPoint calls on SIGTERM. */
export interface Drainable {
  stop(): Promise<void>;
  /** Fails readiness, waits `delayMs`, lets requests under way finish (up to `graceMs`), then stops. */
  drain?(options: DrainOptions): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The drain of a service whose readiness `health` answers and which `stop`s within a grace period. */
export function drainThen(health: { startDraining(): void }, stop: (graceMs: number) => Promise<void>): (options: DrainOptions) => Promise<void> {
  return async ({ delayMs, graceMs }) => {
    health.startDraining();
    await sleep(delayMs);
    await stop(graceMs);
  };
}
