import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface ServiceProcess {
  child: ChildProcess;
  /** The GraphQL URL it logged when ready. */
  url: string;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves when a line matching `pattern` has been written (or rejects when the process exits first). */
  waitFor(pattern: RegExp): Promise<void>;
  /** Resolves with the exit code (or signal) once it has exited. */
  exited: Promise<number | string>;
}

/**
 * Runs one production entry point (`gateway/main.ts`, `subgraphs/tax/main.ts`, or a compiled `dist/…js`)
 * as its own process, as npm start and the image do, and waits until it logs its URL.
 */
export async function startServiceProcess(entry: string, env: Record<string, string>, { tsx = entry.endsWith('.ts') } = {}): Promise<ServiceProcess> {
  const args = tsx ? ['--import', 'tsx', entry] : [entry];
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const waiters = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const check of waiters) check();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  const waitFor = (pattern: RegExp) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!pattern.test(output)) return;
        waiters.delete(check);
        resolve();
      };
      waiters.add(check);
      check();
      void exited.then((code) => {
        if (waiters.delete(check)) reject(new Error(`${entry} exited (${code}) before writing ${pattern}:\n${output}`));
      });
    });
  try {
    await waitFor(/"url":"(http:\/\/127\.0\.0\.1:\d+\/graphql)","msg":"[^"]*ready"/);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  const url = /"url":"(http:\/\/127\.0\.0\.1:\d+\/graphql)","msg":"[^"]*ready"/.exec(output)![1];
  return { child, url, output: () => output, waitFor, exited };
}
