import type { KeyObject } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginUsageReportingDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import type { MySql2Database } from 'drizzle-orm/mysql2';
import type { AccessBackend } from '../access/platform/backend.ts';
import { accessLogPlugin } from '../access/access-log-plugin.ts';
import { guardSchema, type ShieldScope } from '../access/rules.ts';
import { ANONYMOUS, type Caller } from '../identity/caller.ts';
import { CALLER_HEADER, INTERNAL_CALLER_HEADER, internalTokensOf, verifyCallerToken, type ForwardedCallerToken, type VerifiedCaller } from '../identity/caller-token.ts';
import { isDevelopment } from '../runtime/config.ts';
import { openDatabase, type Database } from '../db/database.ts';
import { checkSchemaVersion, migrateUnderLock, SchemaBehindError } from '../db/migrations.ts';
import { complianceResolvers } from '../disclosure/compliance.ts';
import { createRequestDisclosure, guardRecordVisibility, lifecycleResolvers, type DisclosedRecordType, type RequestDisclosure } from '../disclosure/visibility.ts';
import { guardReferences } from '../disclosure/references.ts';
import { guardNaturalPersons } from '../disclosure/natural-persons.ts';
import { guardFreeText } from '../disclosure/personal-identifiers.ts';
import { createErrorFormatter } from '../runtime/errors.ts';
import { requestIdOf, sendJson, serveGraphQL, type Route, type RunningHttpServer } from '../runtime/http-server.ts';
import { defaultLifecycleOptions, type LifecycleOptions } from '../disclosure/lifecycle-options.ts';
import { createLogger, type Logger } from '../runtime/logger.ts';
import { createPlatformClient, DEFAULT_PLATFORM_URL } from '../access/platform/platform-client.ts';
import type { DepartmentUrls } from '../disclosure/record-status-client.ts';
import { recordStatusRoutes } from '../disclosure/record-status-routes.ts';
import { executeForwarded } from '../forwarded-query/execute.ts';
import { forwardedQueryRoute } from '../forwarded-query/route.ts';
import { createRequestAccess, usccsNamedIn, type RequestAccess } from '../access/request-access.ts';
import { countedUnderRequest, StatementLedger } from '../runtime/request-scope.ts';
import { GraphQLDate, GraphQLDateTime, GraphQLDecimal } from '../identifiers/scalars.ts';
import { loadSubgraphSdl } from './sdl.ts';
import { createSubgraphHealth } from './readiness.ts';
import { serveMetrics } from '../runtime/metrics-server.ts';
import { observeRequests, requestLogPlugin } from '../runtime/request-log.ts';
import { tracedRoutes } from '../runtime/tracing.ts';
import { drainThen, type DrainOptions } from '../runtime/drain.ts';
import { GraphQLUSCC } from '../identifiers/uscc.ts';
import { chinaToday } from '../calendar/china-day.ts';
import { collectionResolvers, guardWithdrawnRecords, type CollectionDefinition } from '../collection/resolvers.ts';
import { askMarketSupervision, type KnownSubjects } from '../collection/known-subjects.ts';
import type { CollectionServices } from '../collection/submit.ts';
import { createOperationGuard, operationOf } from '../limits/operation-guard.ts';
import { keyIdOf } from '../identity/keys.ts';
import { defaultInternalSharing, type InternalSharing } from '../access/internal-sharing.ts';
import { createUnverifiedHeaders } from '../identity/unverified-headers.ts';
import { decodeProtectedHeader } from 'jose';
import { DEFAULT_LIMITS_BY_CALLER_KIND, subgraphLimitsOf, type LimitsByCallerKind } from '../limits/operation-limits.ts';
import { operationResolutionPlugin } from '../limits/operation-resolution-plugin.ts';
import { collectionSdl } from '../collection/sdl.ts';
import { checkCatalogueLevels } from '../collection/catalogue.ts';
import { collectionFileRoutes } from '../collection/file-routes.ts';
import { revisionsRoute } from '../collection/revisions-route.ts';

/** What each context a resolver receives holds; loaders are made per request (never shared). */
export interface SubgraphContext<TLoaders, TDb = unknown> {
  requestId: string;
  /** Who is asking, from the gateway's signed header; ANONYMOUS without a valid one. The one place a resolver learns it. */
  caller: Caller;
  /** The access rules' state for this request: the grants they consult, the releases they log. */
  access: RequestAccess;
  loaders: TLoaders;
  /** For the few queries that are not per-entity lookups (search); everything else goes through loaders. */
  db: TDb;
  /** Which records this caller sees and where each stands (kit/disclosure/visibility.ts); made per request. */
  disclosure: RequestDisclosure;
  /** China's legal day for this request (kit/calendar/china-day.ts), the same for all its fields: what expiry and windows are counted against. */
  today: string;
  /** Publicity and exit periods, the holiday calendar, the objection deadline: read once at start. */
  lifecycle: LifecycleOptions;
  /** The gateway's caller token as received, to forward on this request (the platform to a department); null when anonymous. */
  callerToken: ForwardedCallerToken | null;
  /** Where the other departments answer (the platform notifies them of objections and repairs). */
  departmentUrls: DepartmentUrls;
  /** The department's collection (归集) services; undefined where it collects nothing. */
  collection?: CollectionServices;
}

export interface DemoOptions {
  /** How many demo subjects (see kit/demo) to generate records for. */
  entities: number;
  seed: string;
  logger?: Logger;
}

/** Everything the kit needs to run one department's subgraph; each subgraph's index.ts exports one. */
export interface SubgraphDefinition<TTables extends Record<string, unknown> = any, TLoaders = any> {
  /** Lower-case name, as in departments.ts (which gives its domain and default port). */
  name: string;
  schemaPath: string;
  migrationsFolder: string;
  tables: TTables;
  resolvers: GraphQLResolverMap<SubgraphContext<TLoaders, MySql2Database<TTables>>>;
  createLoaders(db: MySql2Database<TTables>): TLoaders;
  /** Loads deterministic demo data; idempotent (a second call adds nothing). Resolves true if it loaded. */
  loadDemoData?(db: MySql2Database<TTables>, options: DemoOptions): Promise<boolean>;
  /**
   * Loads the reference data every environment needs, demo or not (the platform's catalogue of list
   * types and joint measures); idempotent. Runs at each start, after migrations.
   */
  loadReferenceData?(db: MySql2Database<TTables>): Promise<void>;
  /**
   * Where this subgraph's access rules find grants and record releases. @default the platform
   * subgraph over HTTP (`PLATFORM_URL`); the platform itself answers from its own database.
   */
  createAccessBackend?(db: MySql2Database<TTables>): AccessBackend;
  /** POST endpoints beside /graphql, for other subgraphs (the platform's /internal/*). */
  internalRoutes?(services: InternalRouteServices<TTables>): Record<string, Route>;
  /**
   * The record types this department discloses (kit/disclosure/visibility.ts): their rows are shown per caller by
   * their lifecycle (publicity windows, list removal, repair, objections), their lifecycle fields are
   * resolved by the kit, and the platform reaches them through `/internal/records` and
   * `/internal/record-status`. Its tables.ts must include the kit's `recordStatus` table.
   */
  disclosure?: readonly DisclosedRecordType[];
  /** Fills in the parts of its SDL derived from data (the platform's list inputs, from departments.ts). @default none */
  completeSdl?(sdl: DocumentNode): DocumentNode;
  /** The record types this department collects (归集, kit/collection/): mutations, validation, revisions, files. */
  collection?: CollectionDefinition;
  /** Whether market supervision knows subjects. @default asks market supervision over HTTP (`MARKET_URL`) */
  knownSubjects?(db: MySql2Database<TTables>): KnownSubjects;
}

export interface InternalRouteServices<TTables extends Record<string, unknown> = any> {
  db: MySql2Database<TTables>;
  backend: AccessBackend;
  /**
   * The caller a forwarded `x-credit-caller` vouches for, issued for any audience, or null; each
   * internal route takes only its own (`internalAudienceOf`) and says 403 to any other.
   */
  verifyForwardedCaller(req: IncomingMessage): Promise<VerifiedCaller | null>;
  logger: Logger;
  /** The department's collection services, where it collects records. */
  collection?: CollectionServices;
}

const SCALARS = { USCC: GraphQLUSCC, Date: GraphQLDate, DateTime: GraphQLDateTime, Decimal: GraphQLDecimal };

/** The SDL a subgraph serves and composes: its schema.graphql with the kit's shared parts it needs. */
export function subgraphSdlOf(definition: SubgraphDefinition): DocumentNode {
  const sdl = loadSubgraphSdl(definition.schemaPath, { lifecycle: definition.disclosure !== undefined, collection: definition.collection && collectionSdl(definition.name, definition.collection) });
  return definition.completeSdl ? definition.completeSdl(sdl) : sdl;
}

type ResolverMap = Record<string, Record<string, unknown> | unknown>;

/** Adds the kit's resolvers to a department's, type by type; a field resolved by both is a mistake, refused. */
function withKitResolvers(name: string, own: ResolverMap, ...kits: ResolverMap[]): ResolverMap {
  const merged: ResolverMap = { ...own };
  for (const kit of kits) {
    for (const [type, fields] of Object.entries(kit)) {
      const mine = (merged[type] ?? {}) as Record<string, unknown>;
      const twice = Object.keys(fields as object).filter((f) => f in mine);
      if (twice.length) throw new Error(`${name}: ${type}.${twice.join(', ')} is resolved by the kit; remove it from the subgraph's resolvers`);
      merged[type] = { ...mine, ...(fields as object) };
    }
  }
  return merged;
}

export function buildSchemaOf(definition: SubgraphDefinition): GraphQLSchema {
  const disclosed = definition.disclosure ?? [];
  const resolvers = withKitResolvers(definition.name, definition.resolvers as ResolverMap, lifecycleResolvers(disclosed), complianceResolvers(definition.name, disclosed), collectionResolvers(definition.name, definition.collection));
  const schema = buildSubgraphSchema({
    typeDefs: subgraphSdlOf(definition),
    resolvers: { ...SCALARS, ...resolvers } as GraphQLResolverMap<unknown>,
  });
  if (definition.disclosure) guardRecordVisibility(schema, definition.disclosure, definition.name);
  guardReferences(schema, disclosed, definition.name);
  guardNaturalPersons(schema);
  guardFreeText(schema, definition.name);
  guardWithdrawnRecords(schema, definition.collection);
  if (definition.collection) checkCatalogueLevels(definition.name, definition.collection.types, schema);
  return schema;
}

export interface SubgraphOptions {
  databaseUrl: string;
  port: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** @default 10 */
  poolSize?: number;
  /**
   * Apply the committed migrations (under a lock) before serving; when false, refuse a database whose
   * schema is behind them (production: `npm run migrate` runs apart). @default true
   */
  migrate?: boolean;
  logger?: Logger;
  /**
   * The gateway's public key (`GATEWAY_PUBLIC_KEY`), to verify the caller header. Without it every
   * request is anonymous and only PUBLIC data is released.
   */
  gatewayPublicKey?: KeyObject;
  /** Which government departments read this domain's INTERNAL data (`INTERNAL_SHARING`). @default defaultInternalSharing() */
  internalSharing?: InternalSharing;
  /** More of the gateway's public keys, chosen by the header's `kid`: the new and the old during a rotation (`GATEWAY_PUBLIC_KEYS`). */
  gatewayPublicKeys?: readonly KeyObject[];
  /** @default DEFAULT_PLATFORM_URL: where the platform subgraph answers grants and takes the access log */
  platformUrl?: string;
  /** How long a department waits for the platform's grants and access log. @default PLATFORM_TIMEOUT_MS (kit/access/platform/platform-client.ts) */
  platformTimeoutMs?: number;
  /** How long a department reuses the platform's grants (`GRANTS_CACHE_MS`, 0: never). @default DEFAULT_GRANTS_CACHE_MS (kit/access/platform/grants-cache.ts) */
  grantsCacheMs?: number;
  /** @default 'deciding-fields'; the benchmark compares the others (see ShieldScope in access-rules.ts). */
  shield?: ShieldScope;
  /** @default defaultLifecycleOptions(): publicity and exit periods, holiday calendar, objection deadline (`readLifecycleOptions`). */
  lifecycle?: LifecycleOptions;
  /**
   * Where the departments answer, by subgraph name (`<NAME>_URL`, as for the gateway); read when
   * needed, so a test may fill it in as it starts them. @default none
   */
  departmentUrls?: DepartmentUrls;
  /** @default the system clock: when a request is served, from which its legal day (`today`) is read. */
  clock?: () => Date;
  /**
   * The gateway's operation limits (`OPERATION_LIMITS`); the subgraph allows what the query planner
   * adds to an admitted operation (subgraphLimitsOf) and no more, gateway or not. @default DEFAULT_LIMITS_BY_CALLER_KIND
   */
  operationLimits?: LimitsByCallerKind;
  /** A port of their own for `/metrics` (`<NAME>_METRICS_PORT`). @default beside /graphql */
  metrics?: { port: number; host?: string };
}

export interface RunningSubgraph extends RunningHttpServer {
  name: string;
  drain(options: DrainOptions): Promise<void>;
  database: Database<Record<string, unknown>>;
}

/** The `kid` a caller header names, if it is a JWS at all. */
function kidOf(token: string): string | undefined {
  try {
    const { kid } = decodeProtectedHeader(token);
    return typeof kid === 'string' ? kid : undefined;
  } catch {
    return undefined;
  }
}

/** Opens the database, migrates, and serves the subgraph over HTTP with /health and /stats. */
export async function startSubgraph(definition: SubgraphDefinition, options: SubgraphOptions): Promise<RunningSubgraph> {
  const logger = options.logger ?? createLogger(definition.name);
  const database = openDatabase(definition.tables, { url: options.databaseUrl, poolSize: options.poolSize, department: definition.name });
  let schemaChecked = options.migrate !== false;
  try {
    if (options.migrate !== false) await migrateUnderLock(options.databaseUrl, definition.migrationsFolder);
    else schemaChecked = await checkSchemaAtStart(database.pool, definition, logger);
    await definition.loadReferenceData?.(database.db);
  } catch (error) {
    await database.close();
    throw error;
  }

  const ledger = new StatementLedger();
  const domain = definition.name.toUpperCase();
  const lifecycle = options.lifecycle ?? defaultLifecycleOptions();
  const departmentUrls = options.departmentUrls ?? {};
  const clock = options.clock ?? (() => new Date());
  const backend = definition.createAccessBackend?.(database.db) ?? createPlatformClient(options.platformUrl ?? DEFAULT_PLATFORM_URL, { timeoutMs: options.platformTimeoutMs, grantsCacheMs: options.grantsCacheMs });
  const sharing = options.internalSharing ?? defaultInternalSharing();
  const gatewayKeys = [...(options.gatewayPublicKeys ?? []), ...(options.gatewayPublicKey ? [options.gatewayPublicKey] : [])];
  const knownKids = new Set(gatewayKeys.map(keyIdOf));
  const unverified = createUnverifiedHeaders(logger, definition.name);
  const verifyCaller = async (req: IncomingMessage, audience: string | undefined) => {
    const header = req.headers[CALLER_HEADER];
    const token = typeof header === 'string' ? header : undefined;
    const verified = await verifyCallerToken(token, { key: gatewayKeys.length ? gatewayKeys : undefined, audience });
    if (token && !verified) unverified.record(kidOf(token), knownKids.has(kidOf(token) ?? ''));
    else if (verified) unverified.verified();
    const internal = req.headers[INTERNAL_CALLER_HEADER];
    return verified && { ...verified, ...internalTokensOf(typeof internal === 'string' ? internal : undefined, definition.name) };
  };
  const collection: CollectionServices | undefined = definition.collection && {
    pool: database.pool,
    department: definition.name,
    calendar: lifecycle.calendar,
    knownSubjects: definition.knownSubjects?.(database.db) ?? askMarketSupervision(() => departmentUrls.market),
    today: () => chinaToday(clock()),
  };
  if (gatewayKeys.length === 0) logger.warn(`${definition.name}: no gateway public key (GATEWAY_PUBLIC_KEY); every request is anonymous`);

  const fileRoutes = definition.collection && collection
    ? collectionFileRoutes({ department: definition.name, definition: definition.collection, services: collection, verifyCaller: (req) => verifyCaller(req, definition.name), logger })
    : { get: {}, post: {} };
  const contextFor = (verified: VerifiedCaller | null, requestId: string, body: unknown, accessBackend: AccessBackend): SubgraphContext<unknown> => {
    const access = createRequestAccess({ verified, requestId, domain, backend: accessBackend, anticipated: usccsNamedIn(body), sharing });
    const caller = verified?.caller ?? ANONYMOUS;
    const loaders = definition.createLoaders(database.db);
    const today = chinaToday(clock());
    const disclosure = createRequestDisclosure(database.db, { domain: definition.name, caller, periods: lifecycle.publicityPeriods, exitPeriods: lifecycle.exitPeriods, loaders, today });
    return {
      requestId,
      caller,
      today,
      access,
      loaders,
      db: database.db,
      disclosure,
      lifecycle,
      callerToken: verified && { requestId: verified.requestId, token: verified.token, internal: verified.internal, askBack: verified.askBack },
      departmentUrls,
      collection,
    };
  };
  const around = observeRequests(definition.name, logger, (scope) => ledger.record(scope));

  const schema = guardSchema(buildSchemaOf(definition), logger, options.shield);
  const guard = createOperationGuard(subgraphLimitsOf(options.operationLimits ?? DEFAULT_LIMITS_BY_CALLER_KIND), () => schema);
  const apollo = new ApolloServer<SubgraphContext<unknown>>({
    schema,
    formatError: createErrorFormatter(logger, process.env, { department: definition.name }),
    includeStacktraceInErrorResponses: isDevelopment(),
    // The process owner decides when to stop (npm start stops every part in order on Ctrl-C).
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      // No field here has a cache hint, and the plugin's per-field hook made Apollo wrap every resolver:
      // a third of a subgraph's CPU on a 100-entity profile (docs/performance.md).
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginLandingPageDisabled(),
      accessLogPlugin(logger),
      operationResolutionPlugin(),
      requestLogPlugin(),
    ],
  });
  await apollo.start();
  const metrics = await serveMetrics(options.metrics);
  const health = createSubgraphHealth(definition.name, {
    pool: database.pool,
    gatewayPublicKey: gatewayKeys[0],
    more: [
      {
        // A database unreachable at start is checked once it answers: until then, and if behind, not ready.
        name: 'schema',
        async check() {
          if (schemaChecked) return;
          await checkSchemaVersion(database.pool, definition.migrationsFolder, definition.name);
          schemaChecked = true;
        },
      },
      {
        name: 'callerKeys',
        check() {
          const why = unverified.keyMismatch();
          if (why) throw new Error(why);
        },
      },
    ],
  });

  const http = await serveGraphQL<SubgraphContext<unknown>>(
    {
      apollo,
      logger,
      context: async (req: IncomingMessage, requestId: string, body: unknown) => {
        const verified = await verifyCaller(req, definition.name);
        guard.check(operationOf(req, body), verified?.caller.kind ?? 'ANONYMOUS');
        return contextFor(verified, requestId, body, backend);
      },
      around,
      routes: {
        ...health.routes,
        ...fileRoutes.get,
        ...metrics.routes,
        '/stats': (_req, res, url) => {
          const requestId = url.searchParams.get('request');
          const counts = requestId ? ledger.countsForRequest(requestId) : undefined;
          sendJson(res, 200, {
            subgraph: definition.name,
            requestId,
            sqlStatements: requestId ? (counts?.sqlStatements ?? null) : ledger.totalStatements,
            authorisationLookups: counts?.authorisationLookups ?? null,
            accessLogWrites: counts?.accessLogWrites ?? null,
            rssBytes: process.memoryUsage.rss(),
            unverifiedCallerHeaders: unverified.count,
            unknownKid: unverified.unknownKid,
          });
        },
      },
      postRoutes: tracedRoutes(definition.name, {
        ...fileRoutes.post,
        ...definition.internalRoutes?.({
          db: database.db,
          backend,
          verifyForwardedCaller: (req) => verifyCaller(req, undefined),
          logger,
          collection,
        }),
        ...(definition.disclosure &&
          countedUnderRequest(
            ledger,
            requestIdOf,
            recordStatusRoutes({
              db: database.db,
              domain: definition.name,
              specs: definition.disclosure,
              lifecycle,
              verifyForwardedCaller: (req) => verifyCaller(req, undefined),
            }),
          )),
        ...(definition.disclosure &&
          definition.collection &&
          revisionsRoute({ db: database.db, domain: definition.name, verifyForwardedCaller: (req) => verifyCaller(req, undefined) })),
        ...(definition.disclosure &&
          forwardedQueryRoute({
            service: definition.name,
            verifyForwardedCaller: (req) => verifyCaller(req, undefined),
            execute: (verified, request) => executeForwarded(apollo, verified, request, (accessBackend) => contextFor(verified, verified.requestId, request, accessBackend), backend, around),
          })),
      }),
    },
    { port: options.port, host: options.host },
  );
  logger.info({ metrics: metrics.url, url: http.url }, `${definition.name} subgraph ready`);

  const stop = async (graceMs?: number) => {
    await http.stop(graceMs);
    await apollo.stop();
    await metrics.stop();
    await database.close();
  };
  return {
    ...http,
    name: definition.name,
    database: database as Database<Record<string, unknown>>,
    stop,
    drain: drainThen(health, stop),
  };
}

/**
 * Refuses a database behind this build's migrations. One that cannot be reached at start does not stop
 * the service (it answers DEPARTMENT_UNAVAILABLE and is not ready); it is checked once it answers.
 */
async function checkSchemaAtStart(pool: Parameters<typeof checkSchemaVersion>[0], definition: SubgraphDefinition, logger: Logger): Promise<boolean> {
  try {
    await checkSchemaVersion(pool, definition.migrationsFolder, definition.name);
    return true;
  } catch (error) {
    if (error instanceof SchemaBehindError) throw error;
    logger.warn({ err: error }, `${definition.name}: database unreachable at start; its schema version is checked when it answers`);
    return false;
  }
}
