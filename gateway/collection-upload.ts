import type { KeyObject } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { Caller } from '../subgraphs/kit/identity/caller.ts';
import { CALLER_HEADER, signCallerToken } from '../subgraphs/kit/identity/caller-token.ts';
import { REQUEST_ID_HEADER, requestIdOf, sendJson, type Route } from '../subgraphs/kit/runtime/http-server.ts';

/**
 * Bulk files (归集, 网上直报) reach a department through the gateway like every other call: the gateway
 * authenticates the bearer token and forwards the upload, streamed both ways, with the caller header it
 * signs for that department alone; the department decides (its own government only) and imports.
 * POST /collection?department=market&type=PENALTY (body: the CSV or XLSX); GET /collection/template?department=…&type=….
 */
export function collectionRoutes({ authenticate, subgraphUrls, signingKey, admit, admitTemplate }: {
  authenticate(req: IncomingMessage): Promise<Caller>;
  subgraphUrls: Record<string, string>;
  signingKey: KeyObject;
  /** The caller's upload budget (gateway/rate-limit.ts): false when it has answered 429 itself. */
  admit?(caller: Caller, req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  /** The caller's template budget, likewise. */
  admitTemplate?(caller: Caller, req: IncomingMessage, res: ServerResponse): Promise<boolean>;
}) {
  const target = (url: URL, path: string): URL | string => {
    const department = url.searchParams.get('department') ?? '';
    const base = Object.hasOwn(subgraphUrls, department) ? subgraphUrls[department] : undefined;
    if (!base) return `department must be one of ${Object.keys(subgraphUrls).join(', ')}`;
    const forward = new URL(path, base);
    forward.searchParams.set('type', url.searchParams.get('type') ?? '');
    return forward;
  };
  const relay = async (response: Response, res: ServerResponse) => {
    res.writeHead(response.status, { 'content-type': response.headers.get('content-type') ?? 'application/octet-stream', ...(response.headers.get('content-disposition') ? { 'content-disposition': response.headers.get('content-disposition')! } : {}) });
    if (response.body) for await (const chunk of Readable.fromWeb(response.body as never)) if (!res.write(chunk)) await new Promise((r) => res.once('drain', r));
    res.end();
  };

  const upload: Route = async (req, res, url) => {
    const forward = target(url, '/collection/file');
    if (typeof forward === 'string') {
      req.resume();
      return sendJson(res, 400, { error: forward });
    }
    let caller: Caller;
    try {
      caller = await authenticate(req);
    } catch (error) {
      req.resume();
      return sendJson(res, 401, { error: (error as Error).message });
    }
    if (admit && !(await admit(caller, req, res))) return;
    const requestId = requestIdOf(req);
    const headers: Record<string, string> = { 'content-type': req.headers['content-type'] ?? 'application/octet-stream', [REQUEST_ID_HEADER]: requestId };
    if (caller.kind !== 'ANONYMOUS') headers[CALLER_HEADER] = await signCallerToken(caller, { audience: url.searchParams.get('department')!, requestId, key: signingKey });
    const response = await fetch(forward, { method: 'POST', headers, body: Readable.toWeb(req) as never, duplex: 'half' } as RequestInit);
    await relay(response, res);
  };

  const template: Route = async (req, res, url) => {
    const forward = target(url, '/collection/template');
    if (typeof forward === 'string') return sendJson(res, 400, { error: forward });
    // Open to anyone, but counted: the caller (anonymous without a token) decides whose budget it spends.
    let caller: Caller;
    try {
      caller = await authenticate(req);
    } catch (error) {
      return sendJson(res, 401, { error: (error as Error).message });
    }
    if (admitTemplate && !(await admitTemplate(caller, req, res))) return;
    await relay(await fetch(forward), res);
  };

  return { get: { '/collection/template': template }, post: { '/collection': upload } };
}
