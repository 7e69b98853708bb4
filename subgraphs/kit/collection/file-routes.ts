import type { IncomingMessage, ServerResponse } from 'node:http';
import { stringify } from 'csv-stringify/sync';
import { describeCaller } from '../identity/caller.ts';
import type { VerifiedCaller } from '../identity/caller-token.ts';
import { sendJson, type Route } from '../runtime/http-server.ts';
import type { Logger } from '../runtime/logger.ts';
import { FileImportError, importFile, templateHeaders } from './file-import.ts';
import type { CollectionDefinition } from './resolvers.ts';
import type { CollectionServices } from './submit.ts';

export const FILE_PATH = '/collection/file';
export const TEMPLATE_PATH = '/collection/template';

export interface FileRouteOptions {
  department: string;
  definition: CollectionDefinition;
  services: CollectionServices;
  /** The caller the gateway signed for this department; null when none. */
  verifyCaller(req: IncomingMessage): Promise<VerifiedCaller | null>;
  logger: Logger;
}

/**
 * A department's bulk upload (网上直报): POST a CSV or XLSX to /collection/file?type=PENALTY with the
 * gateway's caller header (the gateway's POST /collection forwards it). The answer streams as
 * newline-delimited JSON: `{"progress":…}` after each committed chunk, `{"rejected":…}` for each refused
 * row (its cells and its problems: what the rejected-rows CSV is made of), and `{"report":…}` last.
 * GET /collection/template?type=PENALTY is the empty template (UTF-8 CSV with BOM, Chinese headers).
 */
export function collectionFileRoutes({ department, definition, services, verifyCaller, logger }: FileRouteOptions): { get: Record<string, Route>; post: Record<string, Route> } {
  const domain = department.toUpperCase();
  const typeFrom = (url: URL) => definition.types.find((t) => t.recordType === url.searchParams.get('type'));
  const known = definition.types.map((t) => t.recordType).join(', ');

  const upload: Route = async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    const verified = await verifyCaller(req);
    const caller = verified?.caller;
    if (!caller || caller.kind !== 'GOVERNMENT' || caller.department !== domain) {
      req.resume();
      const reason = caller?.kind === 'GOVERNMENT' ? 'DOMAIN' : 'LEVEL';
      return sendJson(res, 403, { error: `files of ${domain} records are submitted by government of ${domain} only; you are ${caller ? describeCaller(caller) : 'an anonymous caller'}`, reason });
    }
    const type = typeFrom(url);
    if (!type) {
      req.resume();
      return sendJson(res, 400, { error: `type must be one of ${known}` });
    }
    res.writeHead(200, { 'content-type': 'application/x-ndjson; charset=utf-8' });
    const line = (value: unknown) => new Promise<void>((resolve) => (res.write(`${JSON.stringify(value)}\n`) ? resolve() : res.once('drain', resolve)));
    try {
      const report = await importFile(services, type, req, { by: caller.department, requestId: verified.requestId, channel: 'FILE' }, {
        header: (cells) => line({ header: cells }),
        progress: (rows, total) => line({ progress: { rows, accepted: total.accepted, updated: total.updated, unchanged: total.unchanged, rejectedRows: total.rejectedRows } }),
        rejected: ({ index, cells, problems }) => line({ rejected: { index, cells: cells.map((c) => (c instanceof Date ? c.toISOString().slice(0, 10) : c)), problems } }),
      });
      await line({ report });
    } catch (error) {
      if (!(error instanceof FileImportError)) logger.error({ err: error }, 'file import failed');
      await line({ error: error instanceof FileImportError ? error.message : 'Unexpected error; the chunks reported above are committed, the rest is not.' });
    }
    res.end();
  };

  const template: Route = (_req, res, url) => {
    const type = typeFrom(url);
    if (!type) return sendJson(res, 400, { error: `type must be one of ${known}` });
    const body = `\uFEFF${stringify([templateHeaders(type)])}`;
    res.writeHead(200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${department}-${type.recordType.toLowerCase()}-template.csv"`,
    });
    res.end(body);
  };

  return { get: { [TEMPLATE_PATH]: template }, post: { [FILE_PATH]: upload } };
}
