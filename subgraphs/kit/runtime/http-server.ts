import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext, type HTTPGraphQLResponse } from '@apollo/server';
import type { Logger } from './logger.ts';

export const REQUEST_ID_HEADER = 'x-request-id';
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,80}$/;

export type Route = (req: IncomingMessage, res: ServerResponse, url: URL) => void | Promise<void>;

export interface GraphQLHttpOptions<TContext extends BaseContext> {
  apollo: ApolloServer<TContext>;
  /**
   * Builds the per-request context; may throw a GraphQLError with `extensions.http.status`. `body` is
   * the parsed request body (undefined for GET).
   */
  context: (req: IncomingMessage, requestId: string, body: unknown) => Promise<TContext>;
  /**
   * Wraps the whole execution of one request, e.g. to open a request scope, log it, trace it.
   * `abandoned` aborts when the client goes away before its answer is written, so the work done for
   * it can stop; `req` is the request itself (its trace and correlation headers).
   */
  around?: <T>(requestId: string, run: () => Promise<T>, abandoned: AbortSignal, req: IncomingMessage) => Promise<T>;
  /** Extra GET routes beside `/graphql` (health, stats, the landing page's assets). */
  routes?: Record<string, Route>;
  /** POST routes beside `/graphql` (the platform's internal endpoints); read the body with readJsonBody. */
  postRoutes?: Record<string, Route>;
  logger: Logger;
  /** @default 1 MiB: a profile query is a few kilobytes; anything near this is abuse. */
  bodyLimitBytes?: number;
  /** @default 16 MiB: a 100-entity profile of every field is about 0.6 MB; more is refused (RESPONSE_TOO_LARGE). */
  responseLimitBytes?: number;
  /**
   * Take the request id from the client's `x-request-id` (a subgraph, called by the gateway). The
   * gateway makes its own: what a client sends there is kept as a correlation id only. @default true
   */
  trustRequestId?: boolean;
  /** Runs first for every request (CORS at the gateway); returns true when it has answered. */
  edge?: (req: IncomingMessage, res: ServerResponse) => boolean;
  /** Slow and hostile clients. @default SLOW_CLIENT_DEFAULTS */
  clients?: Partial<ClientLimits>;
}

/** What one connection may take of the server: time to send its request, and how many connections. */
export interface ClientLimits {
  /** A request's head must arrive within this. @default 10 s */
  headersTimeoutMs: number;
  /** The whole request, body included, within this: a slow body is cut off like a slow head. @default 30 s */
  requestTimeoutMs: number;
  /** Open connections in all. @default 4096 */
  maxConnections: number;
  /** Open connections from one address: idle sockets of one client do not starve the others. @default 256 */
  maxConnectionsPerAddress: number;
}

export const SLOW_CLIENT_DEFAULTS: ClientLimits = Object.freeze({
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  maxConnections: 4096,
  maxConnectionsPerAddress: 256,
});

/** A client's own request id, kept beside the gateway's for correlation (never the audit key). */
export const CORRELATION_ID_HEADER = 'x-correlation-id';

export interface RunningHttpServer {
  url: string;
  port: number;
  server: Server;
  /** Stops accepting connections and resolves once the requests under way have finished. @default graceMs 2000 */
  stop(graceMs?: number): Promise<void>;
}

class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/** A route whose key ends in '/*' serves every path under it (the gateway's /reports/<number>). */
function routeUnder(routes: Record<string, Route>, pathname: string): Route | undefined {
  const key = Object.keys(routes).find((k) => k.endsWith('/*') && pathname.startsWith(k.slice(0, -1)) && pathname.length > k.length - 1);
  return key === undefined ? undefined : routes[key];
}

export async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpError(413, `Request body is larger than ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return undefined;
  const type = req.headers['content-type'] ?? '';
  if (!type.includes('json')) return Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'Request body is not valid JSON');
  }
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

async function writeGraphQLResponse(res: ServerResponse, response: HTTPGraphQLResponse, limit: number): Promise<void> {
  if (response.body.kind === 'complete' && response.body.string.length > limit / 4 && Buffer.byteLength(response.body.string) > limit) {
    const message = `The answer is ${Buffer.byteLength(response.body.string)} bytes, over the limit of ${limit}; ask for fewer entities or fields`;
    sendJson(res, 400, { errors: [{ message, extensions: { code: 'RESPONSE_TOO_LARGE', max: limit } }] });
    return;
  }
  for (const [key, value] of response.headers) res.setHeader(key, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') {
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

function givenRequestId(req: IncomingMessage): string | undefined {
  const given = req.headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : undefined;
}

export function requestIdOf(req: IncomingMessage): string {
  return givenRequestId(req) ?? randomUUID();
}

/**
 * Serves an ApolloServer on Node's own http module. We use Apollo's documented integration API
 * (executeHTTPGraphQLRequest) rather than its standalone server so that every service can add routes
 * (/health, /stats, the explorer), set the request id and tune keep-alive in one place.
 */
export async function serveGraphQL<TContext extends BaseContext>(
  options: GraphQLHttpOptions<TContext>,
  listen: { port: number; host?: string },
): Promise<RunningHttpServer> {
  const { apollo, context, around, routes = {}, postRoutes = {}, logger, bodyLimitBytes = 1024 * 1024 } = options;
  const { responseLimitBytes = 16 * 1024 * 1024, trustRequestId = true } = options;

  const server = createServer(async (req, res) => {
    if (options.edge?.(req, res)) return;
    const correlationId = givenRequestId(req);
    const requestId = (trustRequestId && correlationId) || randomUUID();
    res.setHeader(REQUEST_ID_HEADER, requestId);
    if (!trustRequestId && correlationId) res.setHeader(CORRELATION_ID_HEADER, correlationId);
    const abandon = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) abandon.abort();
    });
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const route = routes[url.pathname] ?? routeUnder(routes, url.pathname);
      if (route && (req.method === 'GET' || req.method === 'HEAD')) {
        await route(req, res, url);
        return;
      }
      const postRoute = postRoutes[url.pathname];
      if (postRoute && req.method === 'POST') {
        await postRoute(req, res, url);
        return;
      }
      if (url.pathname !== '/graphql') {
        sendJson(res, 404, { error: `Nothing at ${url.pathname}; GraphQL is served at /graphql` });
        return;
      }
      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
      }
      const declared = Number(req.headers['content-length']);
      if (declared > bodyLimitBytes) throw new HttpError(413, `Request body is larger than ${bodyLimitBytes} bytes`);
      const body = req.method === 'POST' ? await readJsonBody(req, bodyLimitBytes) : undefined;
      const execute = () =>
        apollo.executeHTTPGraphQLRequest({
          httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
          context: () => context(req, requestId, body),
        });
      const response = around ? await around(requestId, execute, abandon.signal, req) : await execute();
      await writeGraphQLResponse(res, response, responseLimitBytes);
    } catch (error) {
      if (error instanceof HttpError) {
        // A body refused unread would be read as the next request on this connection: close it.
        if (error.status === 413) {
          res.setHeader('connection', 'close');
          res.once('finish', () => req.socket.destroy());
        }
        sendJson(res, error.status, { errors: [{ message: error.message, extensions: { code: 'BAD_REQUEST' } }] });
        return;
      }
      logger.error({ err: error, requestId }, 'request failed outside GraphQL execution');
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Unexpected error.', extensions: { requestId } }] });
      else res.end();
    }
  });
  // Longer than the usual 60 s idle timeout of proxies and of the gateway's own agent, so that the
  // server never closes a connection the client is just about to reuse.
  server.keepAliveTimeout = 65_000;
  const clients = { ...SLOW_CLIENT_DEFAULTS, ...options.clients };
  server.headersTimeout = clients.headersTimeoutMs;
  server.requestTimeout = clients.requestTimeoutMs;
  server.maxConnections = clients.maxConnections;
  guardConnections(server, clients);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host ?? '127.0.0.1', () => resolve());
  });
  const { port, address } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}/graphql`,
    port,
    server,
    async stop(graceMs = 2_000) {
      await new Promise<void>((resolve) => {
        // Requests under way finish (up to graceMs); a connection is closed as soon as it falls idle.
        const idle = setInterval(() => server.closeIdleConnections(), 50);
        const cutOff = setTimeout(() => server.closeAllConnections(), graceMs);
        server.close(() => {
          clearInterval(idle);
          clearTimeout(cutOff);
          resolve();
        });
        server.closeIdleConnections();
      });
    },
  };
}

/**
 * Closes a new connection at once when its address already holds its share of open ones, and one that
 * sends nothing within the head timeout (Node times a request only once its first byte arrives).
 */
function guardConnections(server: Server, clients: ClientLimits): void {
  const open = new Map<string, number>();
  server.on('connection', (socket) => {
    const address = socket.remoteAddress ?? 'unknown';
    const count = (open.get(address) ?? 0) + 1;
    if (count > clients.maxConnectionsPerAddress) {
      socket.destroy();
      return;
    }
    open.set(address, count);
    // Node's own handler closes a socket that times out; from the first byte on, its request timers apply.
    socket.setTimeout(clients.headersTimeoutMs);
    socket.once('data', () => socket.setTimeout(0));
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left <= 0) open.delete(address);
      else open.set(address, left);
    });
  });
}

export { sendJson };
