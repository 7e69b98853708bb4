import type { IncomingMessage, ServerResponse } from 'node:http';
import { ConfigurationError } from '../subgraphs/kit/runtime/config.ts';

export interface CorsOptions {
  /** Origins whose browser apps may call the gateway, exactly (`https://app.example.gov.cn`). @default [] (none) */
  origins: readonly string[];
  /** Let those apps send cookies or HTTP authentication (`CORS_CREDENTIALS=on`). @default false */
  credentials: boolean;
}

/** What a browser app may send: the bearer token, the declared purpose, its own request id. */
const ALLOWED_HEADERS = 'content-type, authorization, x-credit-purpose, x-request-id, apollo-require-preflight';
const EXPOSED_HEADERS = 'x-request-id, x-correlation-id, retry-after';
const ORIGIN = /^https?:\/\/[^/\s]+$/;

/** `CORS_ORIGINS` (comma-separated origins) and `CORS_CREDENTIALS`, read once at start. */
export function readCorsOptions(env: NodeJS.ProcessEnv = process.env): CorsOptions {
  const origins = (env.CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean);
  for (const origin of origins) {
    if (!ORIGIN.test(origin)) throw new ConfigurationError(`CORS_ORIGINS: ${JSON.stringify(origin)} is not an origin such as https://app.example.gov.cn (scheme and host, no path, no wildcard)`);
  }
  return { origins, credentials: env.CORS_CREDENTIALS === 'on' };
}

/**
 * CORS for the gateway: an allow-list of origins, compared exactly; none by default, so only
 * same-origin pages (the explorer) and non-browser clients call it. Answers a preflight itself:
 * 204 with what may be sent for an allowed origin, 403 for any other. Returns true when it answered.
 */
export function createCors(options: CorsOptions): (req: IncomingMessage, res: ServerResponse) => boolean {
  const allowed = new Set(options.origins);
  return (req, res) => {
    const origin = req.headers.origin;
    const preflight = req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
    if (origin === undefined) return false;
    res.setHeader('vary', 'Origin');
    if (!allowed.has(origin)) {
      if (!preflight) return false; // the browser withholds the answer: no CORS headers
      res.writeHead(403, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ errors: [{ message: `Origin ${origin} may not call this gateway (CORS_ORIGINS)`, extensions: { code: 'FORBIDDEN', reason: 'ORIGIN' } }] }));
      return true;
    }
    res.setHeader('access-control-allow-origin', origin);
    res.setHeader('access-control-expose-headers', EXPOSED_HEADERS);
    if (options.credentials) res.setHeader('access-control-allow-credentials', 'true');
    if (!preflight) return false;
    res.writeHead(204, {
      'access-control-allow-methods': 'GET, POST',
      'access-control-allow-headers': ALLOWED_HEADERS,
      'access-control-max-age': '600',
    });
    res.end();
    return true;
  };
}
