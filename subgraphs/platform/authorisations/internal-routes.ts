import type { IncomingMessage, ServerResponse } from 'node:http';
import { ACCESS_LOG_PATH } from '../../kit/access/platform/access-log-client.ts';
import { ReleaseTooLate, type EntityRelease } from '../../kit/access/platform/backend.ts';
import { AUTHORISATIONS_PATH } from '../../kit/access/platform/authorisation-client.ts';
import { MAX_BATCH_SIZE } from '../../kit/db/batch-loaders.ts';
import { readJsonBody, sendJson, type Route } from '../../kit/runtime/http-server.ts';
import type { InternalRouteServices } from '../../kit/subgraph/subgraph.ts';
import { validateUscc } from '../../kit/identifiers/uscc.ts';
import { internalAudienceOf } from '../../kit/identity/caller-token.ts';
import type { PlatformTables } from '../db/tables.ts';

const BODY_LIMIT = 1024 * 1024;
const OWN_AUDIENCE = internalAudienceOf('platform');
const FIELD = /^[A-Za-z_][A-Za-z0-9_]*\.[A-Za-z_][A-Za-z0-9_]*$/;

const isUscc = (value: unknown): value is string => typeof value === 'string' && validateUscc(value) === null;

function isRelease(value: unknown): value is EntityRelease {
  const release = value as EntityRelease;
  return (
    !!release &&
    isUscc(release.uscc) &&
    Array.isArray(release.fields) &&
    release.fields.length > 0 &&
    release.fields.every((f) => typeof f === 'string' && FIELD.test(f))
  );
}

function refuse(res: ServerResponse, status: number, message: string): void {
  sendJson(res, status, { error: message });
}

/**
 * What departments call while serving a request, with the caller's token they received from the
 * gateway: it says which organisation to answer for, which caller and request to log, and (its
 * `via`) which department is writing; only a token for the platform's internal routes is taken. Without a valid token the platform answers nothing.
 */
export function platformInternalRoutes({ backend, verifyForwardedCaller }: InternalRouteServices<PlatformTables>): Record<string, Route> {
  return {
    [AUTHORISATIONS_PATH]: async (req: IncomingMessage, res: ServerResponse) => {
      const verified = await verifyForwardedCaller(req);
      if (!verified) return refuse(res, 401, 'a valid x-credit-caller token from the gateway is required');
      if (verified.audience !== OWN_AUDIENCE) return refuse(res, 403, `only a caller token the gateway issued for the platform's internal routes is taken here, not one for ${verified.audience}`);
      const body = (await readJsonBody(req, BODY_LIMIT)) as { usccs?: unknown } | undefined;
      const usccs = body?.usccs;
      if (!Array.isArray(usccs) || usccs.length > MAX_BATCH_SIZE || !usccs.every(isUscc)) {
        return refuse(res, 400, `usccs must be a list of at most ${MAX_BATCH_SIZE} valid unified social credit codes`);
      }
      sendJson(res, 200, { grants: await backend.grantsFor(verified, usccs) });
    },
    [ACCESS_LOG_PATH]: async (req: IncomingMessage, res: ServerResponse) => {
      const verified = await verifyForwardedCaller(req);
      if (!verified) return refuse(res, 401, 'a valid x-credit-caller token from the gateway is required');
      if (verified.audience !== OWN_AUDIENCE) return refuse(res, 403, `only a caller token the gateway issued for the platform's internal routes is taken here, not one for ${verified.audience}`);
      if (verified.caller.kind === 'ANONYMOUS') return refuse(res, 403, 'nothing is released to an anonymous caller');
      const body = (await readJsonBody(req, BODY_LIMIT)) as { releases?: unknown; deadline?: unknown } | undefined;
      const releases = body?.releases;
      if (!Array.isArray(releases) || releases.length === 0 || releases.length > MAX_BATCH_SIZE || !releases.every(isRelease)) {
        return refuse(res, 400, 'releases must be a non-empty list of { uscc, fields: ["Type.field", …] }');
      }
      const deadline = body?.deadline === undefined ? undefined : new Date(String(body.deadline));
      if (deadline && Number.isNaN(deadline.getTime())) return refuse(res, 400, 'deadline must be an ISO 8601 instant');
      try {
        // The department writing is the one the gateway handed this token to (`via`, signed): it cannot log under another's name.
        await backend.recordReleases(verified, verified.via!.toUpperCase(), releases, deadline);
      } catch (error) {
        if (error instanceof ReleaseTooLate) return refuse(res, 409, error.message);
        throw error;
      }
      res.writeHead(204).end();
    },
  };
}
