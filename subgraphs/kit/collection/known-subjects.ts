import { inArray } from 'drizzle-orm';
import type { MySql2Database } from 'drizzle-orm/mysql2';
import type { MySqlTable } from 'drizzle-orm/mysql-core';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readJsonBody, sendJson, type Route } from '../runtime/http-server.ts';

/**
 * Whether market supervision knows a subject (has registered it). Records of unknown subjects are
 * held, not refused (an entity registered this morning may reach a department's system first), and
 * listed in unmatchedRecords until market supervision registers the subject. A registration is PUBLIC
 * (Entity.uscc), so the question needs no caller: a long file import outlives any caller token.
 */
export const KNOWN_SUBJECTS_PATH = '/internal/known-subjects';
export const MAX_SUBJECTS_PER_QUESTION = 20_000;

export type KnownSubjects = (usccs: readonly string[]) => Promise<Set<string>>;

/** Market supervision answers from its own registry: one statement. */
export function knownSubjectsIn(db: MySql2Database<any>, entities: MySqlTable & { uscc: any }): KnownSubjects {
  return async (usccs) => {
    if (!usccs.length) return new Set();
    const rows = (await db.select({ uscc: entities.uscc }).from(entities).where(inArray(entities.uscc, [...usccs]))) as { uscc: string }[];
    return new Set(rows.map((r) => r.uscc));
  };
}

/** The route market supervision serves for the other departments. */
export function knownSubjectsRoute(known: KnownSubjects): Record<string, Route> {
  return {
    [KNOWN_SUBJECTS_PATH]: async (req: IncomingMessage, res: ServerResponse) => {
      const body = (await readJsonBody(req, 2 * 1024 * 1024)) as { usccs?: unknown } | undefined;
      const usccs = body?.usccs;
      if (!Array.isArray(usccs) || usccs.length > MAX_SUBJECTS_PER_QUESTION || !usccs.every((u) => typeof u === 'string' && u.length === 18)) {
        return sendJson(res, 400, { error: `body must be { usccs: [...] } with at most ${MAX_SUBJECTS_PER_QUESTION} 18-character codes` });
      }
      sendJson(res, 200, { known: [...(await known(usccs as string[]))] });
    },
  };
}

/**
 * Another department asks market supervision over HTTP. If it cannot be asked, every subject counts
 * as unknown: the records are still written, and held until a later listing finds them registered.
 */
export function askMarketSupervision(marketUrl: () => string | undefined, timeoutMs = 5000): KnownSubjects {
  return async (usccs) => {
    const base = marketUrl();
    if (!usccs.length || !base) return new Set();
    try {
      const response = await fetch(new URL(KNOWN_SUBJECTS_PATH, base), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ usccs }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!response.ok) return new Set();
      return new Set(((await response.json()) as { known: string[] }).known);
    } catch {
      return new Set();
    }
  };
}
