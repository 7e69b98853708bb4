import type { ChildProcess } from 'node:child_process';

/** What the supervisor says when a part exits and when it restarts it. */
export interface SupervisorLogger {
  error(details: object, message: string): void;
  info(details: object, message: string): void;
}

export interface SupervisorOptions {
  /** The part's name in the log ('tax', 'gateway'). */
  name: string;
  /** Starts the part (again). */
  start(): ChildProcess;
  logger: SupervisorLogger;
  /** Waits between an exit and the restart, growing with each exit in a row. @default 1 s, 2 s, 4 s … 30 s */
  backoffMs?: readonly number[];
  /** A part that ran this long before exiting starts again from the first back-off. @default 60 s */
  stableAfterMs?: number;
  /** Told of every unexpected exit, before the restart is scheduled. */
  onExit?(code: number | null, signal: NodeJS.Signals | null): void;
}

export interface Supervised {
  /** The process running now (a new one after each restart). */
  readonly child: ChildProcess;
  readonly restarts: number;
  /** Stops supervising and the part: SIGTERM, SIGKILL after `timeoutMs`; resolves once it has exited. */
  stop(timeoutMs?: number): Promise<void>;
}

export const DEFAULT_BACKOFF_MS: readonly number[] = [1_000, 2_000, 4_000, 8_000, 16_000, 30_000];

/**
 * Keeps one part of the federation running under `npm start`: when it exits unasked, it is started
 * again after a back-off (logged), so one department falling over costs its own fields for a while,
 * not the whole federation and its database. A part that keeps failing is retried ever more slowly.
 */
export function supervise(options: SupervisorOptions): Supervised {
  const backoff = options.backoffMs ?? DEFAULT_BACKOFF_MS;
  const stableAfter = options.stableAfterMs ?? 60_000;
  let child: ChildProcess;
  let startedAt = 0;
  let failuresInARow = 0;
  let restarts = 0;
  let stopping = false;
  let pending: NodeJS.Timeout | undefined;

  const run = () => {
    startedAt = Date.now();
    child = options.start();
    child.once('exit', (code, signal) => {
      if (stopping) return;
      failuresInARow = Date.now() - startedAt >= stableAfter ? 1 : failuresInARow + 1;
      const delay = backoff[Math.min(failuresInARow, backoff.length) - 1] ?? 0;
      options.onExit?.(code, signal);
      if (stopping) return;
      options.logger.error({ part: options.name, code, signal, restartInMs: delay, failuresInARow }, `${options.name} exited; restarting it`);
      pending = setTimeout(() => {
        pending = undefined;
        if (stopping) return;
        restarts += 1;
        run();
        options.logger.info({ part: options.name, pid: child.pid, restarts }, `${options.name} restarted`);
      }, delay);
    });
  };
  run();

  return {
    get child() {
      return child;
    },
    get restarts() {
      return restarts;
    },
    async stop(timeoutMs = 10_000) {
      stopping = true;
      clearTimeout(pending);
      if (child.exitCode !== null || child.signalCode !== null) return;
      await new Promise<void>((resolve) => {
        const killer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
        child.once('exit', () => {
          clearTimeout(killer);
          resolve();
        });
        child.kill('SIGTERM');
      });
    },
  };
}
