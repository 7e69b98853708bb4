import type { IncomingMessage } from 'node:http';
import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import mysql from 'mysql2';
import { RateLimiterMemory, RateLimiterMySQL, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { CALLER_KINDS, type Caller, type CallerKind } from '../subgraphs/kit/identity/caller.ts';
import { ConfigurationError, readMysqlUrl } from '../subgraphs/kit/runtime/config.ts';

/** Requests a caller may make per window: `points` per `duration` seconds. */
export interface RateLimit {
  points: number;
  duration: number;
}

export interface RateLimitOptions {
  /** Per caller kind; a kind not named is not limited. @default {} (no limits: set RATE_LIMITS) */
  limits: Partial<Record<CallerKind, RateLimit>>;
  /**
   * Where the counters live: null for this process's memory (one gateway), or a mysql:// URL shared
   * by every replica (`RATE_LIMIT_STORE`; the table `gateway_rate_limits` is made there). @default null
   */
  storeUrl: string | null;
}

const EXAMPLE = '{"ANONYMOUS":{"points":30,"duration":1},"INSTITUTION":{"points":200,"duration":1}}';

/** `RATE_LIMITS` (JSON, per caller kind) and `RATE_LIMIT_STORE` (a mysql:// URL), read once at start. */
export function readRateLimitOptions(env: NodeJS.ProcessEnv = process.env): RateLimitOptions {
  const limits: Partial<Record<CallerKind, RateLimit>> = {};
  if (env.RATE_LIMITS) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(env.RATE_LIMITS);
    } catch {
      throw new ConfigurationError(`RATE_LIMITS must be JSON such as ${EXAMPLE}`);
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new ConfigurationError(`RATE_LIMITS must be a JSON object such as ${EXAMPLE}`);
    for (const [kind, value] of Object.entries(parsed)) {
      if (!(CALLER_KINDS as readonly string[]).includes(kind)) throw new ConfigurationError(`RATE_LIMITS: ${JSON.stringify(kind)} is not a caller kind (${CALLER_KINDS.join(', ')})`);
      const { points, duration } = (value ?? {}) as Partial<RateLimit>;
      if (!Number.isInteger(points) || points! <= 0 || !Number.isInteger(duration) || duration! <= 0) {
        throw new ConfigurationError(`RATE_LIMITS.${kind} must be { "points": requests, "duration": seconds }, both positive whole numbers`);
      }
      limits[kind as CallerKind] = { points: points!, duration: duration! };
    }
  }
  return { limits, storeUrl: readMysqlUrl('RATE_LIMIT_STORE', env) ?? null };
}

/** Who a limit counts: the organisation, the department, the entity, or for anonymous callers the client address. */
function keyOf(caller: Caller, req: IncomingMessage): string {
  switch (caller.kind) {
    case 'INSTITUTION':
      return `organisation:${caller.organisation}`;
    case 'GOVERNMENT':
      return `department:${caller.department}`;
    case 'SUBJECT':
      return `entity:${caller.uscc}`;
    case 'ANONYMOUS':
      return `address:${req.socket.remoteAddress ?? 'unknown'}`;
  }
}

function rateLimited(caller: Caller, limit: RateLimit, retryAfterMs: number): GraphQLError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new GraphQLError(`Too many requests: ${limit.points} per ${limit.duration} s for ${caller.kind.toLowerCase()} callers; try again in ${seconds} s`, {
    extensions: { code: 'RATE_LIMITED', retryAfterSeconds: seconds, http: { status: 429, headers: new HeaderMap([['retry-after', String(seconds)]]) } },
  });
}

export interface RateLimiter {
  /** Counts one request of `caller`; throws RATE_LIMITED (HTTP 429, Retry-After) past its limit. */
  consume(caller: Caller, req: IncomingMessage): Promise<void>;
  close(): Promise<void>;
}

/**
 * Rate limits per caller (rate-limiter-flexible), by organisation, department, entity or client
 * address, one limiter per caller kind; in memory for one gateway, in MySQL for several.
 */
export function createRateLimiter(options: RateLimitOptions): RateLimiter {
  const pool = options.storeUrl ? mysql.createPool({ uri: options.storeUrl, connectionLimit: 4 }) : null;
  const dbName = options.storeUrl ? new URL(options.storeUrl).pathname.slice(1) : undefined;
  const limiters = new Map<CallerKind, { limit: RateLimit; limiter: RateLimiterAbstract }>();
  for (const [kind, limit] of Object.entries(options.limits) as [CallerKind, RateLimit][]) {
    const common = { points: limit.points, duration: limit.duration, keyPrefix: kind.toLowerCase() };
    // Should the shared store fail, each gateway goes on counting in its own memory rather than refusing everyone.
    const limiter = pool
      ? new RateLimiterMySQL({ ...common, storeClient: pool, storeType: 'pool', dbName, tableName: 'gateway_rate_limits', insuranceLimiter: new RateLimiterMemory(common) }, () => {})
      : new RateLimiterMemory(common);
    limiters.set(kind, { limit, limiter });
  }
  return {
    async consume(caller, req) {
      const configured = limiters.get(caller.kind);
      if (!configured) return;
      try {
        await configured.limiter.consume(keyOf(caller, req));
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) throw rateLimited(caller, configured.limit, rejection.msBeforeNext);
        throw rejection;
      }
    },
    async close() {
      await new Promise<void>((resolve) => (pool ? pool.end(() => resolve()) : resolve()));
    },
  };
}
