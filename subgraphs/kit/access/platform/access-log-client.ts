import type { EntityRelease } from './backend.ts';
import { CALLER_HEADER, type VerifiedCaller } from '../../identity/caller-token.ts';
import { REQUEST_ID_HEADER } from '../../runtime/http-server.ts';
import { keepAliveFetch } from '../../runtime/keep-alive-fetch.ts';

/** The platform endpoint that stores a department's releases for one request (查询记录). */
export const ACCESS_LOG_PATH = '/internal/access-log';

/**
 * The part of the wait for the platform that is left after the deadline sent with a write: time for
 * the platform's "stored" to come back. A platform that commits just before the deadline and then
 * stalls for longer than this leaves a row for a release that was withheld (the safe direction).
 */
export function answerMarginMs(timeoutMs: number): number {
  return Math.min(300, Math.floor(timeoutMs / 4));
}

/**
 * Records one request's releases at the platform. The caller, request id and domain come from the
 * forwarded token, not from this body, so a department cannot write entries for another caller or
 * another domain. The body carries a deadline: the platform stores nothing after it (HTTP 409 then),
 * so releases this department withholds on a timeout never reach the log later, when a stalled
 * platform resumes.
 */
export async function postAccessLog(platformUrl: string, verified: VerifiedCaller, releases: readonly EntityRelease[], timeoutMs: number): Promise<void> {
  const deadline = new Date(Date.now() + timeoutMs - answerMarginMs(timeoutMs));
  const response = await keepAliveFetch(new URL(ACCESS_LOG_PATH, platformUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json', [CALLER_HEADER]: verified.internal?.platform ?? '', [REQUEST_ID_HEADER]: verified.requestId },
    body: JSON.stringify({ releases, deadline: deadline.toISOString() }),
    timeoutMs,
  });
  if (!response.ok) throw new Error(`platform answered ${ACCESS_LOG_PATH} with HTTP ${response.status}`);
}
