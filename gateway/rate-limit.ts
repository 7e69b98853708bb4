import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import mysql from 'mysql2';
import { RateLimiterMemory, RateLimiterMySQL, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { CALLER_KINDS, type Caller, type CallerKind } from '../subgraphs/kit/identity/caller.ts';
import { ConfigurationError, readMysqlUrl } from '../subgraphs/kit/runtime/config.ts';
import { countRefusal } from '../subgraphs/kit/runtime/metrics.ts';
import type { ClientAddressOf } from './client-address.ts';

/** Requests a caller may make per window: `points` per `duration` seconds. */
export interface RateLimit {
  points: number;
  duration: number;
}

type LimitsByKind = Partial<Record<CallerKind, RateLimit>>;

/**
 * What a request spends: /graphql, a file upload (POST /collection: one request can carry a million
 * rows), a report page (GET /reports/…: a report rendered, or a number tried) or a file template
 * (GET /collection/template: cheap, open to anonymous callers, fetched before uploading). Each has its
 * own budget, so a clerk's uploads do not eat a department's queries, nor pages another's, nor
 * fetching a template one of the few uploads a department is allowed.
 */
export type RateLimitBudget = 'graphql' | 'upload' | 'reportPage' | 'template';

export interface RateLimitOptions {
  /** Per caller kind; a kind not named is not limited. @default {} (no limits: set RATE_LIMITS) */
  limits: LimitsByKind;
  /** Uploads per caller kind (`UPLOAD_RATE_LIMITS`, same shape). @default {} */
  uploadLimits?: LimitsByKind;
  /** Report pages per caller kind (`REPORT_PAGE_RATE_LIMITS`, same shape). @default {} */
  reportPageLimits?: LimitsByKind;
  /** File templates per caller kind (`TEMPLATE_RATE_LIMITS`, same shape). @default {} */
  templateLimits?: LimitsByKind;
  /**
   * Where the counters live: null for this process's memory (one gateway), or a mysql:// URL shared
   * by every replica (`RATE_LIMIT_STORE`; the table `gateway_rate_limits` is made there). @default null
   */
  storeUrl: string | null;
}

const EXAMPLE = '{"ANONYMOUS":{"points":30,"duration":1},"INSTITUTION":{"points":200,"duration":1}}';

function parseLimits(name: string, text: string | undefined): LimitsByKind {
  const limits: LimitsByKind = {};
  if (!text) return limits;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ConfigurationError(`${name} must be JSON such as ${EXAMPLE}`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new ConfigurationError(`${name} must be a JSON object such as ${EXAMPLE}`);
  for (const [kind, value] of Object.entries(parsed)) {
    if (!(CALLER_KINDS as readonly string[]).includes(kind)) throw new ConfigurationError(`${name}: ${JSON.stringify(kind)} is not a caller kind (${CALLER_KINDS.join(', ')})`);
    const { points, duration } = (value ?? {}) as Partial<RateLimit>;
    if (!Number.isInteger(points) || points! <= 0 || !Number.isInteger(duration) || duration! <= 0) {
      throw new ConfigurationError(`${name}.${kind} must be { "points": requests, "duration": seconds }, both positive whole numbers`);
    }
    limits[kind as CallerKind] = { points: points!, duration: duration! };
  }
  return limits;
}

/**
 * `RATE_LIMITS`, `UPLOAD_RATE_LIMITS`, `REPORT_PAGE_RATE_LIMITS` and `TEMPLATE_RATE_LIMITS` (JSON, per caller kind) and
 * `RATE_LIMIT_STORE` (a mysql:// URL), read once at start.
 */
export function readRateLimitOptions(env: NodeJS.ProcessEnv = process.env): RateLimitOptions {
  return {
    limits: parseLimits('RATE_LIMITS', env.RATE_LIMITS),
    uploadLimits: parseLimits('UPLOAD_RATE_LIMITS', env.UPLOAD_RATE_LIMITS),
    reportPageLimits: parseLimits('REPORT_PAGE_RATE_LIMITS', env.REPORT_PAGE_RATE_LIMITS),
    templateLimits: parseLimits('TEMPLATE_RATE_LIMITS', env.TEMPLATE_RATE_LIMITS),
    storeUrl: readMysqlUrl('RATE_LIMIT_STORE', env) ?? null,
  };
}

/**
 * Who a limit counts: the organisation, the department, the entity, or for anonymous callers the client
 * address (gateway/client-address.ts: X-Forwarded-For only from a trusted proxy).
 */
function keyOf(caller: Caller, req: IncomingMessage, clientAddressOf: ClientAddressOf): string {
  switch (caller.kind) {
    case 'INSTITUTION':
      return `organisation:${caller.organisation}`;
    case 'GOVERNMENT':
      return `department:${caller.department}`;
    case 'SUBJECT':
      return `entity:${caller.uscc}`;
    case 'ANONYMOUS':
      return `address:${clientAddressOf(req)}`;
  }
}

const WHAT: Record<RateLimitBudget, string> = { graphql: 'requests', upload: 'uploads', reportPage: 'report pages', template: 'file templates' };

function rateLimited(caller: Caller, budget: RateLimitBudget, limit: RateLimit, retryAfterMs: number): GraphQLError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new GraphQLError(`Too many ${WHAT[budget]}: ${limit.points} per ${limit.duration} s for ${caller.kind.toLowerCase()} callers; try again in ${seconds} s`, {
    extensions: { code: 'RATE_LIMITED', retryAfterSeconds: seconds, http: { status: 429, headers: new HeaderMap([['retry-after', String(seconds)]]) } },
  });
}

export interface RateLimiter {
  /** Counts one request of `caller` against `budget`; throws RATE_LIMITED (HTTP 429, Retry-After) past its limit. */
  consume(caller: Caller, req: IncomingMessage, budget?: RateLimitBudget): Promise<void>;
  close(): Promise<void>;
}

/**
 * Rate limits per caller (rate-limiter-flexible), by organisation, department, entity or client
 * address, one limiter per caller kind; in memory for one gateway, in MySQL for several.
 */
export function createRateLimiter(options: RateLimitOptions, clientAddressOf: ClientAddressOf = (req) => req.socket.remoteAddress ?? 'unknown'): RateLimiter {
  const pool = options.storeUrl ? mysql.createPool({ uri: options.storeUrl, connectionLimit: 4 }) : null;
  const dbName = options.storeUrl ? new URL(options.storeUrl).pathname.slice(1) : undefined;
  const limiters = new Map<string, { limit: RateLimit; limiter: RateLimiterAbstract }>();
  const budgets: Record<RateLimitBudget, LimitsByKind> = { graphql: options.limits, upload: options.uploadLimits ?? {}, reportPage: options.reportPageLimits ?? {}, template: options.templateLimits ?? {} };
  for (const [budget, limits] of Object.entries(budgets) as [RateLimitBudget, LimitsByKind][]) {
    for (const [kind, limit] of Object.entries(limits) as [CallerKind, RateLimit][]) {
      // /graphql keeps the prefix it always had, so counters in a shared store carry over.
      const keyPrefix = budget === 'graphql' ? kind.toLowerCase() : `${budget}-${kind.toLowerCase()}`;
      const common = { points: limit.points, duration: limit.duration, keyPrefix };
      // Should the shared store fail, each gateway goes on counting in its own memory rather than refusing everyone.
      const limiter = pool
        ? new RateLimiterMySQL({ ...common, storeClient: pool, storeType: 'pool', dbName, tableName: 'gateway_rate_limits', insuranceLimiter: new RateLimiterMemory(common) }, () => {})
        : new RateLimiterMemory(common);
      limiters.set(`${budget}:${kind}`, { limit, limiter });
    }
  }
  return {
    async consume(caller, req, budget = 'graphql') {
      const configured = limiters.get(`${budget}:${caller.kind}`);
      if (!configured) return;
      try {
        await configured.limiter.consume(keyOf(caller, req, clientAddressOf));
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) throw rateLimited(caller, budget, configured.limit, rejection.msBeforeNext);
        throw rejection;
      }
    },
    async close() {
      await new Promise<void>((resolve) => (pool ? pool.end(() => resolve()) : resolve()));
    },
  };
}

/**
 * For routes beside /graphql: spends one of `budget` for the caller, or answers 429 with Retry-After
 * and a JSON body saying which limit and when to come back (`{ error, code: "RATE_LIMITED",
 * retryAfterSeconds }`), and reports whether the route may go on.
 */
export async function withinBudget(limiter: RateLimiter, budget: RateLimitBudget, caller: Caller, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  try {
    await limiter.consume(caller, req, budget);
    return true;
  } catch (error) {
    const extensions = (error as GraphQLError).extensions;
    if (extensions?.code !== 'RATE_LIMITED') throw error;
    countRefusal('gateway', 'rate-limit');
    req.resume();
    const body = JSON.stringify({ error: (error as Error).message, code: 'RATE_LIMITED', retryAfterSeconds: extensions.retryAfterSeconds });
    res.writeHead(429, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), 'retry-after': String(extensions.retryAfterSeconds) });
    res.end(body);
    return false;
  }
}
