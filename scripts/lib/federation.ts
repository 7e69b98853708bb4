import { spawn } from 'node:child_process';
import { createPublicKey, type KeyObject } from 'node:crypto';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { envName } from '../../subgraphs/kit/runtime/config.ts';
import type { SubgraphDefinition } from '../../subgraphs/kit/subgraph/subgraph.ts';
import { supervise, type Supervised, type SupervisorLogger } from './supervisor.ts';

// The whole federation as separate processes, one per subgraph and one for the gateway, as in
// production: `npm start` and the benchmark (which needs each process's own memory) both run it so.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * V8 flags per kind of process, measured side by side with `npm run bench` (docs/performance.md). The
 * gateway's heap is capped, or V8 (sizing itself by the machine's memory) lets it grow past 300 MB under
 * load; capped, it stays under 220 MB, at some CPU on 100-entity answers. Subgraphs allocate many
 * short-lived rows and promises: a larger young generation means fewer scavenges, 5-20 % less CPU.
 */
export const GATEWAY_NODE_FLAGS: readonly string[] = ['--max-old-space-size=256'];
export const SUBGRAPH_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=32'];

export interface FederationProcessOptions {
  subgraphs: readonly SubgraphDefinition[];
  /** Database URL per subgraph name. */
  databaseUrls: Record<string, string>;
  /** Port per subgraph name, and the gateway's. */
  ports: { gateway: number; subgraphs: Record<string, number> };
  /** Where the gateway finds each subgraph. @default http://127.0.0.1:<port>/graphql */
  subgraphUrls?: Record<string, string>;
  /** Where departments find the platform. @default http://127.0.0.1:<platform port> */
  platformUrl?: string;
  /** The gateway signs the caller header with this key; subgraphs verify with its public half. */
  callerSigningKey: KeyObject;
  /** What subgraphs verify the caller header with (JWK or PEM). @default the public half of callerSigningKey */
  gatewayPublicKey?: string;
  /** Variables for every process, on top of this process's environment (LOG_LEVEL, pool sizes …). */
  env?: Record<string, string>;
  /** Variables for the gateway only (AUTH_ISSUERS …). */
  gatewayEnv?: Record<string, string>;
  /** Node flags for the gateway (e.g. --cpu-prof). @default GATEWAY_NODE_FLAGS */
  gatewayNodeArgs?: readonly string[];
  /** Node flags for every subgraph. @default SUBGRAPH_NODE_FLAGS */
  subgraphNodeArgs?: readonly string[];
  /** @default 'inherit' */
  output?: 'inherit' | 'ignore';
  /** The source tree whose entry points run (the benchmark compares two trees side by side). @default this one */
  root?: string;
  /**
   * Once the federation is up, restart a part that exits, with back-off, logged (npm start).
   * @default none: an exit is only reported (onUnexpectedExit)
   */
  restart?: { logger: SupervisorLogger; backoffMs?: readonly number[] };
  /** Called when a process exits before stop() was called. */
  onUnexpectedExit?(part: string, code: number | null, signal: NodeJS.Signals | null): void;
}

export interface FederationProcess {
  /** A subgraph's name, or 'gateway'. */
  name: string;
  pid: number;
}

export interface RunningFederation {
  /** The gateway's base URL (http://host:port, GraphQL at /graphql). */
  gatewayUrl: string;
  subgraphUrls: Record<string, string>;
  processes: FederationProcess[];
  /** SIGTERM to every part (SIGKILL after 10 s), in reverse order of start; resolves when all exited. */
  stop(): Promise<void>;
}

/** Starts every subgraph, waits until each answers /readyz, then the gateway, and waits for it too. */
export async function startFederationProcesses(options: FederationProcessOptions): Promise<RunningFederation> {
  const parts: { name: string; supervised: Supervised }[] = [];
  let stopping = false;
  let started = false;
  // A part that exits while the others wait for it to become healthy fails the start at once.
  let failStart: (error: Error) => void = () => {};
  const startFailed = new Promise<never>((_, reject) => (failStart = reject));
  startFailed.catch(() => {});

  const run = (name: string, entry: string, env: Record<string, string>, nodeArgs: readonly string[]) => {
    const supervised: Supervised = supervise({
      name,
      start: () =>
        spawn(process.execPath, [...nodeArgs, '--import', 'tsx', entry], {
          cwd: options.root ?? ROOT,
          env: { ...process.env, ...options.env, ...env },
          stdio: ['ignore', options.output ?? 'inherit', options.output ?? 'inherit'],
        }),
      logger: options.restart?.logger ?? { error() {}, info() {} },
      backoffMs: options.restart?.backoffMs,
      onExit(code, signal) {
        // Stopping (Ctrl-C reaches every part at once): no restart, nothing to report.
        if (stopping) return void supervised.stop();
        if (!started) failStart(new Error(`${name} exited during start-up (${code ?? signal})`));
        options.onUnexpectedExit?.(name, code, signal);
        // Restarted by the supervisor only once the federation is up, and only when asked to.
        if (!started || !options.restart) void supervised.stop();
      },
    });
    parts.push({ name, supervised });
  };

  const stop = async () => {
    stopping = true;
    for (const { supervised } of [...parts].reverse()) await supervised.stop(10_000);
  };

  try {
    const publicKey = options.gatewayPublicKey ?? JSON.stringify(createPublicKey(options.callerSigningKey).export({ format: 'jwk' }));
    const signingKey = JSON.stringify(options.callerSigningKey.export({ format: 'jwk' }));
    const urlOf = (name: string) => options.subgraphUrls?.[name] ?? `http://127.0.0.1:${options.ports.subgraphs[name]}/graphql`;
    const platformUrl = options.platformUrl ?? `http://127.0.0.1:${options.ports.subgraphs.platform}`;

    const subgraphUrls: Record<string, string> = {};
    for (const subgraph of options.subgraphs) {
      subgraphUrls[subgraph.name] = urlOf(subgraph.name);
      run(subgraph.name, `subgraphs/${subgraph.name}/main.ts`, {
        [envName(subgraph.name, 'DATABASE_URL')]: options.databaseUrls[subgraph.name],
        [envName(subgraph.name, 'PORT')]: String(options.ports.subgraphs[subgraph.name]),
        GATEWAY_PUBLIC_KEY: publicKey,
        PLATFORM_URL: platformUrl,
      }, options.subgraphNodeArgs ?? SUBGRAPH_NODE_FLAGS);
    }
    await Promise.race([startFailed, Promise.all(Object.values(subgraphUrls).map((url) => waitForHealth(url.replace(/\/graphql$/, '/readyz'))))]);

    const gatewayEnv: Record<string, string> = {
      ...Object.fromEntries(Object.entries(subgraphUrls).map(([name, url]) => [envName(name, 'URL'), url])),
      GATEWAY_PORT: String(options.ports.gateway),
      GATEWAY_SIGNING_KEY: signingKey,
      ...options.gatewayEnv,
    };
    run('gateway', 'gateway/main.ts', gatewayEnv, options.gatewayNodeArgs ?? GATEWAY_NODE_FLAGS);
    const gatewayUrl = `http://127.0.0.1:${options.ports.gateway}`;
    await Promise.race([startFailed, waitForHealth(`${gatewayUrl}/readyz`)]);
    failStart = () => {};
    started = true;

    const processes = parts.map(({ name, supervised }) => ({
      name,
      get pid() {
        return supervised.child.pid!;
      },
    }));
    return { gatewayUrl, subgraphUrls, processes, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

export async function waitForHealth(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      await response.body?.cancel();
      if (response.ok) return;
      // A tree from before /readyz (the benchmark's `--variant before,root=…`) answers /health only.
      if (response.status === 404 && url.endsWith('/readyz')) return waitForHealth(url.replace(/\/readyz$/, '/health'), Math.max(0, deadline - Date.now()));
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not become healthy within ${timeoutMs / 1000} s`);
}

/** A port nothing listens on now on 127.0.0.1 (the OS picks it; free at the time of asking). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
