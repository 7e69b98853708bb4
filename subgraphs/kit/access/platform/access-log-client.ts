import type { EntityRelease } from './backend.ts';
import { CALLER_HEADER, type VerifiedCaller } from '../../identity/caller-token.ts';
import { REQUEST_ID_HEADER } from '../../runtime/http-server.ts';
import { keepAliveFetch } from '../../runtime/keep-alive-fetch.ts';

/** The platform endpoint that stores a department's releases for one request (查询记录). */
export const ACCESS_LOG_PATH = '/internal/access-log';

/**
 * Records one request's releases at the platform. The caller, request id and domain come from the
 * forwarded token, not from this body, so a department cannot write entries for another caller or
 * another domain.
 */
export async function postAccessLog(platformUrl: string, verified: VerifiedCaller, releases: readonly EntityRelease[], timeoutMs: number): Promise<void> {
  const response = await keepAliveFetch(new URL(ACCESS_LOG_PATH, platformUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json', [CALLER_HEADER]: verified.token, [REQUEST_ID_HEADER]: verified.requestId },
    body: JSON.stringify({ releases }),
    timeoutMs,
  });
  if (!response.ok) throw new Error(`platform answered ${ACCESS_LOG_PATH} with HTTP ${response.status}`);
}
