import type { KeyObject } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { envName, readPort, readPositiveInteger, readUrl } from '../subgraphs/kit/runtime/config.ts';
import { readCallerSigningKey } from '../subgraphs/kit/identity/keys.ts';
import { DEPARTMENTS } from '../subgraphs/departments.ts';
import { readMetricsListen } from '../subgraphs/kit/runtime/metrics-server.ts';
import { readAuthOptions, type AuthOptions } from './auth-config.ts';
import { readRateLimitOptions, type RateLimitOptions } from './rate-limit.ts';
import { readCorsOptions, type CorsOptions } from './cors.ts';
import { readTrustedProxies } from './client-address.ts';
import { SLOW_CLIENT_DEFAULTS, type ClientLimits } from '../subgraphs/kit/runtime/http-server.ts';
import { readOperationLimits, type LimitsByCallerKind } from '../subgraphs/kit/limits/operation-limits.ts';

export const DEFAULT_SUPERGRAPH_PATH = fileURLToPath(new URL('../schema/supergraph.graphql', import.meta.url));

export interface GatewayOptions {
  /** @default 4000 */
  port: number;
  /** @default '127.0.0.1' */
  host: string;
  /** @default schema/supergraph.graphql */
  supergraphPath: string;
  /** Subgraph URLs by name; where absent, the URL composed into the supergraph is used. */
  subgraphUrls: Record<string, string>;
  /** How long the gateway waits for one subgraph fetch. @default 5000 */
  subgraphTimeoutMs: number;
  /** Serve the GraphiQL explorer at `/`. @default true */
  landingPage: boolean;
  /** Who may sign client tokens (`AUTH_ISSUERS`, the development issuer). */
  auth: AuthOptions;
  /**
   * The Ed25519 private key the gateway signs the caller header with (`GATEWAY_SIGNING_KEY`, JWK or
   * PEM; outside production, the development pair in `.data/`); subgraphs hold the public half.
   */
  callerSigningKey: KeyObject;
  /**
   * Collapse identical anonymous subgraph requests in flight at the same moment into one
   * (`GATEWAY_COLLAPSE_IN_FLIGHT=off` turns it off; see gateway/in-flight-requests.ts). @default true
   */
  collapseInFlight: boolean;
  /** How big one operation may be, per caller kind (`OPERATION_LIMITS`). @default DEFAULT_OPERATION_LIMITS for every kind */
  operationLimits: LimitsByCallerKind;
  /** The largest answer the gateway sends (`GATEWAY_MAX_RESPONSE_BYTES`); larger is RESPONSE_TOO_LARGE. @default 16 MiB */
  maxResponseBytes: number;
  /** The departments' answers one request may hold in memory in all (`GATEWAY_MAX_SUBGRAPH_BYTES`). @default 32 MiB */
  maxSubgraphBytes: number;
  /** Requests per caller (`RATE_LIMITS`, `RATE_LIMIT_STORE`). @default none */
  rateLimits: RateLimitOptions;
  /**
   * The reverse proxies in front of the gateway (`TRUSTED_PROXIES`, addresses and CIDR ranges): from
   * them alone X-Forwarded-For names the client, for anonymous rate limits. @default [] (the socket's address)
   */
  trustedProxies?: string[];
  /** Browser apps on other origins (`CORS_ORIGINS`, `CORS_CREDENTIALS`). @default none */
  cors: CorsOptions;
  /** Slow and hostile clients (`GATEWAY_HEADERS_TIMEOUT_MS`, `GATEWAY_REQUEST_TIMEOUT_MS`, `GATEWAY_MAX_CONNECTIONS`, `GATEWAY_MAX_CONNECTIONS_PER_ADDRESS`). */
  clients: ClientLimits;
  /** A port of their own for `/metrics` (`GATEWAY_METRICS_PORT`, `GATEWAY_METRICS_HOST`). @default beside /graphql */
  metrics?: { port: number; host: string };
}

/** Reads the gateway's configuration once, at start-up (see README, Configuration). */
export function readGatewayOptions(env: NodeJS.ProcessEnv = process.env): GatewayOptions {
  const subgraphUrls: Record<string, string> = {};
  for (const { name, defaultPort } of DEPARTMENTS) {
    subgraphUrls[name] = readUrl(envName(name, 'URL'), `http://127.0.0.1:${defaultPort}/graphql`, env);
  }
  return {
    port: readPort('GATEWAY_PORT', 4000, env),
    host: env.GATEWAY_HOST || '127.0.0.1',
    supergraphPath: env.SUPERGRAPH_PATH || DEFAULT_SUPERGRAPH_PATH,
    subgraphUrls,
    subgraphTimeoutMs: readPositiveInteger('SUBGRAPH_TIMEOUT_MS', 5000, env),
    landingPage: env.GATEWAY_LANDING_PAGE !== 'off',
    auth: readAuthOptions(env),
    callerSigningKey: readCallerSigningKey(env),
    collapseInFlight: env.GATEWAY_COLLAPSE_IN_FLIGHT !== 'off',
    operationLimits: readOperationLimits(env),
    maxResponseBytes: readPositiveInteger('GATEWAY_MAX_RESPONSE_BYTES', 16 * 1024 * 1024, env),
    maxSubgraphBytes: readPositiveInteger('GATEWAY_MAX_SUBGRAPH_BYTES', 32 * 1024 * 1024, env),
    rateLimits: readRateLimitOptions(env),
    cors: readCorsOptions(env),
    trustedProxies: readTrustedProxies(env),
    clients: {
      headersTimeoutMs: readPositiveInteger('GATEWAY_HEADERS_TIMEOUT_MS', SLOW_CLIENT_DEFAULTS.headersTimeoutMs, env),
      requestTimeoutMs: readPositiveInteger('GATEWAY_REQUEST_TIMEOUT_MS', SLOW_CLIENT_DEFAULTS.requestTimeoutMs, env),
      maxConnections: readPositiveInteger('GATEWAY_MAX_CONNECTIONS', SLOW_CLIENT_DEFAULTS.maxConnections, env),
      maxConnectionsPerAddress: readPositiveInteger('GATEWAY_MAX_CONNECTIONS_PER_ADDRESS', SLOW_CLIENT_DEFAULTS.maxConnectionsPerAddress, env),
    },
    metrics: readMetricsListen('GATEWAY', env),
  };
}
