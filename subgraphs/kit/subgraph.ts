import type { KeyObject } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginUsageReportingDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import type { GraphQLSchema } from 'graphql';
import type { MySql2Database } from 'drizzle-orm/mysql2';
import type { AccessBackend } from './access-backend.ts';
import { accessLogPlugin } from './access-log-plugin.ts';
import { guardSchema, type ShieldScope } from './access-rules.ts';
import type { Caller } from './caller.ts';
import { CALLER_HEADER, verifyCallerToken, type VerifiedCaller } from './caller-token.ts';
import { isDevelopment } from './config.ts';
import { migrateDatabase, openDatabase, type Database } from './database.ts';
import { createErrorFormatter } from './errors.ts';
import { sendJson, serveGraphQL, type Route, type RunningHttpServer } from './http-server.ts';
import { createLogger, type Logger } from './logger.ts';
import { createPlatformClient, DEFAULT_PLATFORM_URL } from './platform-client.ts';
import { createRequestAccess, usccsNamedIn, type RequestAccess } from './request-access.ts';
import { runInRequestScope, StatementLedger, type RequestScope } from './request-scope.ts';
import { GraphQLDate, GraphQLDateTime, GraphQLDecimal } from './scalars.ts';
import { loadSubgraphSdl } from './subgraph-sdl.ts';
import { GraphQLUSCC } from './uscc.ts';

/** What each context a resolver receives holds; loaders are made per request (never shared). */
export interface SubgraphContext<TLoaders, TDb = unknown> {
  requestId: string;
  /** Who is asking, from the gateway's signed header; ANONYMOUS without a valid one. */
  caller: Caller;
  /** The access rules' view of this request: grants, releases for the access log. */
  access: RequestAccess;
  loaders: TLoaders;
  /** For the few queries that are not per-entity lookups (search); everything else goes through loaders. */
  db: TDb;
}

export interface DemoOptions {
  /** How many demo subjects (see kit/demo) to generate records for. */
  entities: number;
  seed: string;
  logger?: Logger;
}

/** Everything the kit needs to run one department's subgraph; each subgraph's index.ts exports one. */
export interface SubgraphDefinition<TTables extends Record<string, unknown> = any, TLoaders = any> {
  /** Lower-case name: the folder, the composed subgraph name, the prefix of its variables. */
  name: string;
  /** @default port when `<NAME>_PORT` is not set */
  defaultPort: number;
  schemaPath: string;
  migrationsFolder: string;
  tables: TTables;
  resolvers: GraphQLResolverMap<SubgraphContext<TLoaders, MySql2Database<TTables>>>;
  createLoaders(db: MySql2Database<TTables>): TLoaders;
  /** Loads deterministic demo data; idempotent (a second call adds nothing). Resolves true if it loaded. */
  loadDemoData?(db: MySql2Database<TTables>, options: DemoOptions): Promise<boolean>;
  /**
   * Where this subgraph's access rules find grants and record releases. @default the platform
   * subgraph over HTTP (`PLATFORM_URL`); the platform itself answers from its own database.
   */
  createAccessBackend?(db: MySql2Database<TTables>): AccessBackend;
  /** POST endpoints beside /graphql, for other subgraphs (the platform's /internal/*). */
  internalRoutes?(services: InternalRouteServices<TTables>): Record<string, Route>;
}

export interface InternalRouteServices<TTables extends Record<string, unknown> = any> {
  db: MySql2Database<TTables>;
  backend: AccessBackend;
  /** The caller a forwarded `x-credit-caller` vouches for, issued for any subgraph; null if none. */
  verifyForwardedCaller(req: IncomingMessage): Promise<VerifiedCaller | null>;
  logger: Logger;
}

const SCALARS = { USCC: GraphQLUSCC, Date: GraphQLDate, DateTime: GraphQLDateTime, Decimal: GraphQLDecimal };

export function buildSchemaOf(definition: SubgraphDefinition): GraphQLSchema {
  return buildSubgraphSchema({
    typeDefs: loadSubgraphSdl(definition.schemaPath),
    resolvers: { ...SCALARS, ...definition.resolvers } as GraphQLResolverMap<unknown>,
  });
}

export interface SubgraphOptions {
  databaseUrl: string;
  port: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** @default 10 */
  poolSize?: number;
  /** @default true: apply committed migrations before serving */
  migrate?: boolean;
  logger?: Logger;
  /**
   * The gateway's public key (`GATEWAY_PUBLIC_KEY`), to verify the caller header. Without it every
   * request is anonymous and only PUBLIC data is released.
   */
  gatewayPublicKey?: KeyObject;
  /** @default DEFAULT_PLATFORM_URL: where the platform subgraph answers grants and takes the access log */
  platformUrl?: string;
  /** @default 'deciding-fields'; the benchmark compares the others (see ShieldScope in access-rules.ts). */
  shield?: ShieldScope;
}

export interface RunningSubgraph extends RunningHttpServer {
  name: string;
  database: Database<Record<string, unknown>>;
}

/** Opens the database, migrates, and serves the subgraph over HTTP with /health and /stats. */
export async function startSubgraph(definition: SubgraphDefinition, options: SubgraphOptions): Promise<RunningSubgraph> {
  const logger = options.logger ?? createLogger(definition.name);
  const database = openDatabase(definition.tables, { url: options.databaseUrl, poolSize: options.poolSize });
  try {
    if (options.migrate !== false) await migrateDatabase(database.db, definition.migrationsFolder);
  } catch (error) {
    await database.close();
    throw error;
  }

  const ledger = new StatementLedger();
  const domain = definition.name.toUpperCase();
  const backend = definition.createAccessBackend?.(database.db) ?? createPlatformClient(options.platformUrl ?? DEFAULT_PLATFORM_URL);
  const verifyCaller = (req: IncomingMessage, audience: string | undefined) => {
    const header = req.headers[CALLER_HEADER];
    return verifyCallerToken(typeof header === 'string' ? header : undefined, { key: options.gatewayPublicKey, audience });
  };
  if (!options.gatewayPublicKey) logger.warn(`${definition.name}: no gateway public key (GATEWAY_PUBLIC_KEY); every request is anonymous`);

  const apollo = new ApolloServer<SubgraphContext<unknown>>({
    schema: guardSchema(buildSchemaOf(definition), logger, options.shield),
    formatError: createErrorFormatter(logger),
    includeStacktraceInErrorResponses: isDevelopment(),
    // The process owner decides when to stop (npm start stops every part in order on Ctrl-C).
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginLandingPageDisabled(),
      accessLogPlugin(logger),
    ],
  });
  await apollo.start();

  const http = await serveGraphQL<SubgraphContext<unknown>>(
    {
      apollo,
      logger,
      context: async (req: IncomingMessage, requestId: string, body: unknown) => {
        const verified = await verifyCaller(req, definition.name);
        const access = createRequestAccess({ verified, requestId, domain, backend, anticipated: usccsNamedIn(body) });
        return { requestId, caller: access.caller, access, loaders: definition.createLoaders(database.db), db: database.db };
      },
      around: async (requestId, run) => {
        const scope: RequestScope = { requestId, sqlStatements: 0 };
        try {
          return await runInRequestScope(scope, run);
        } finally {
          ledger.record(scope);
        }
      },
      routes: {
        '/health': (_req, res) => sendJson(res, 200, { status: 'ok', subgraph: definition.name }),
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
          });
        },
      },
      postRoutes: definition.internalRoutes?.({
        db: database.db,
        backend,
        verifyForwardedCaller: (req) => verifyCaller(req, undefined),
        logger,
      }),
    },
    { port: options.port, host: options.host },
  );
  logger.info({ url: http.url }, `${definition.name} subgraph ready`);

  return {
    ...http,
    name: definition.name,
    database: database as Database<Record<string, unknown>>,
    async stop() {
      await http.stop();
      await apollo.stop();
      await database.close();
    },
  };
}
