import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readPort } from './config.ts';
import type { Route } from './http-server.ts';
import { collectProcessMetrics, metricsRegistry } from './metrics.ts';

export interface MetricsEndpoint {
  /** `/metrics` for the service's own port, or nothing when metrics have a port of their own. */
  routes: Record<string, Route>;
  /** The separate listener's address, when there is one. */
  url?: string;
  stop(): Promise<void>;
}

const scrape: Route = async (_req, res) => {
  const body = await metricsRegistry.metrics();
  res.writeHead(200, { 'content-type': metricsRegistry.contentType, 'content-length': Buffer.byteLength(body) });
  res.end(body);
};

/**
 * Where Prometheus scrapes this process. With a port (`GATEWAY_METRICS_PORT`, `<NAME>_METRICS_PORT`)
 * the metrics get a listener of their own, so the public port does not show them; without one they
 * are at `/metrics` beside `/graphql` (the departments' ports are internal anyway).
 */
export async function serveMetrics(listen?: { port: number; host?: string }): Promise<MetricsEndpoint> {
  collectProcessMetrics();
  if (!listen) return { routes: { '/metrics': scrape }, stop: async () => {} };
  const server = createServer((req, res) => {
    if (req.url === '/metrics' && req.method === 'GET') return void scrape(req, res, new URL('http://localhost/metrics'));
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    routes: {},
    url: `http://${listen.host && listen.host !== '0.0.0.0' ? listen.host : '127.0.0.1'}:${port}/metrics`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** `<PREFIX>_METRICS_PORT` (and `_METRICS_HOST`, @default 127.0.0.1): a listener of its own, or undefined for `/metrics` beside `/graphql`. */
export function readMetricsListen(prefix: string, env: NodeJS.ProcessEnv = process.env): { port: number; host: string } | undefined {
  const variable = `${prefix.toUpperCase()}_METRICS_PORT`;
  if (!env[variable]) return undefined;
  return { port: readPort(variable, 0, env), host: env[`${prefix.toUpperCase()}_METRICS_HOST`] || '127.0.0.1' };
}
