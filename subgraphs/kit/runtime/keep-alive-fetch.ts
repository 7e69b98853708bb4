import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { withTraceContext } from './tracing.ts';

/** What a call sends: fetch's own shape, with a deadline in place of an abort signal. */
export interface KeepAliveRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** The whole exchange, connection to last byte; past it the call fails with a `TimeoutError`. */
  timeoutMs?: number;
  /** Abandons the call (the connection is destroyed, so the server sees its client go): an `AbortError`. */
  signal?: AbortSignal;
  /** The most of a response body read into memory; past it the call fails with a `ResponseTooLargeError`. */
  maxResponseBytes?: number;
}

/** The part of fetch's Response that callers here use (and Apollo's RemoteGraphQLDataSource reads). */
export interface KeepAliveResponse {
  readonly url: string;
  readonly status: number;
  readonly statusText: string;
  readonly ok: boolean;
  readonly redirected: false;
  readonly bodyUsed: boolean;
  readonly headers: ResponseHeaders;
  text(): Promise<string>;
  json(): Promise<any>;
  arrayBuffer(): Promise<ArrayBuffer>;
  clone(): KeepAliveResponse;
}

export interface ResponseHeaders extends Iterable<[string, string]> {
  get(name: string): string | null;
  has(name: string): boolean;
  set(name: string, value: string): void;
  append(name: string, value: string): void;
  delete(name: string): void;
  entries(): IterableIterator<[string, string]>;
  keys(): IterableIterator<string>;
  values(): IterableIterator<string>;
}

export interface KeepAliveFetch {
  (url: string | URL, init?: KeepAliveRequest): Promise<KeepAliveResponse>;
  /** Closes idle connections; they never keep the process alive by themselves (the agent unrefs them). */
  close(): void;
}

/** How long an idle connection is kept: under the 65 s after which our servers close it (http-server.ts). */
const IDLE_MS = 60_000;

/**
 * Calls between our own services (gateway → subgraph, department → platform): Node's http client over
 * keep-alive agents, the response read whole into memory. Node's fetch (undici) reuses connections too,
 * but costs about twice the CPU per call (Request/Response objects, web streams, abort signals); on a
 * profile of four departments that was 40 % of the gateway's CPU time (docs/performance.md).
 */
export function createKeepAliveFetch(): KeepAliveFetch {
  const agents = {
    http: new HttpAgent({ keepAlive: true, timeout: IDLE_MS }),
    https: new HttpsAgent({ keepAlive: true, timeout: IDLE_MS }),
  };
  const call = (url: string | URL, init: KeepAliveRequest = {}) =>
    new Promise<KeepAliveResponse>((resolve, reject) => {
      const href = String(url);
      const secure = href.startsWith('https:');
      const body = init.body === undefined ? undefined : typeof init.body === 'string' ? Buffer.from(init.body) : init.body;
      const headers = withTraceContext(body === undefined ? init.headers : { ...init.headers, 'content-length': String(body.length) });
      let deadline: NodeJS.Timeout | undefined;
      const onAbort = () => {
        fail(abortError(href));
        request.destroy();
      };
      const fail = (error: Error) => {
        clearTimeout(deadline);
        init.signal?.removeEventListener('abort', onAbort);
        reject(error);
      };
      if (init.signal?.aborted) return reject(abortError(href));
      const request = (secure ? httpsRequest : httpRequest)(href, { method: init.method ?? 'GET', headers, agent: secure ? agents.https : agents.http }, (response) => {
        const chunks: Buffer[] = [];
        let received = 0;
        response.on('data', (chunk: Buffer) => {
          received += chunk.length;
          if (init.maxResponseBytes !== undefined && received > init.maxResponseBytes) {
            const error = new Error(`The answer from ${href} is over ${init.maxResponseBytes} bytes`);
            error.name = 'ResponseTooLargeError';
            fail(error);
            request.destroy();
            return;
          }
          chunks.push(chunk);
        });
        response.on('error', fail);
        response.once('end', () => {
          clearTimeout(deadline);
          init.signal?.removeEventListener('abort', onAbort);
          resolve(responseOf(href, response.statusCode ?? 0, response.statusMessage ?? '', response.headers, Buffer.concat(chunks)));
        });
      });
      request.on('error', fail);
      if (init.timeoutMs !== undefined) {
        deadline = setTimeout(() => {
          const error = new Error(`No answer from ${href} within ${init.timeoutMs} ms`);
          error.name = 'TimeoutError';
          request.destroy(error);
        }, init.timeoutMs);
      }
      init.signal?.addEventListener('abort', onAbort, { once: true });
      request.end(body);
    });
  return Object.assign(call, {
    close() {
      agents.http.destroy();
      agents.https.destroy();
    },
  });
}

function abortError(href: string): Error {
  const error = new Error(`The call to ${href} was abandoned`);
  error.name = 'AbortError';
  return error;
}

/** One per process for the kit's own calls (grants, the access log): connections shared by every request. */
export const keepAliveFetch: KeepAliveFetch = createKeepAliveFetch();

function responseOf(url: string, status: number, statusText: string, raw: IncomingHttpHeaders, body: Buffer): KeepAliveResponse {
  const headers = new Map<string, string>();
  for (const [name, value] of Object.entries(raw)) if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  let bodyUsed = false;
  const read = () => {
    bodyUsed = true;
    return body;
  };
  return {
    url,
    status,
    statusText,
    ok: status >= 200 && status < 300,
    redirected: false,
    get bodyUsed() {
      return bodyUsed;
    },
    headers: {
      get: (name) => headers.get(name.toLowerCase()) ?? null,
      has: (name) => headers.has(name.toLowerCase()),
      set: (name, value) => void headers.set(name.toLowerCase(), value),
      append: (name, value) => {
        const key = name.toLowerCase();
        headers.set(key, headers.has(key) ? `${headers.get(key)}, ${value}` : value);
      },
      delete: (name) => void headers.delete(name.toLowerCase()),
      entries: () => headers.entries(),
      keys: () => headers.keys(),
      values: () => headers.values(),
      [Symbol.iterator]: () => headers.entries(),
    },
    text: async () => read().toString('utf8'),
    json: async () => JSON.parse(read().toString('utf8')),
    arrayBuffer: async () => {
      const bytes = read();
      return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    },
    clone: () => responseOf(url, status, statusText, raw, body),
  };
}
