import type { IncomingMessage } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginUsageReportingDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import type { GraphQLSchema } from 'graphql';
import type { MySql2Database } from 'drizzle-orm/mysql2';
import { ANONYMOUS, type Caller } from './caller.ts';
import { isDevelopment } from './config.ts';
import { migrateDatabase, openDatabase, type Database } from './database.ts';
import { createErrorFormatter } from './errors.ts';
import { sendJson, serveGraphQL, type RunningHttpServer } from './http-server.ts';
import { createLogger, type Logger } from './logger.ts';
import { runInRequestScope, StatementLedger, type RequestScope } from './request-scope.ts';
import { GraphQLDate, GraphQLDateTime, GraphQLDecimal } from './scalars.ts';
import { loadSubgraphSdl } from './subgraph-sdl.ts';
import { GraphQLUSCC } from './uscc.ts';

/** What each context a resolver receives holds; loaders are made per request (never shared). */
export interface SubgraphContext<TLoaders, TDb = unknown> {
  requestId: string;
  caller: Caller;
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
  const apollo = new ApolloServer<SubgraphContext<unknown>>({
    schema: buildSchemaOf(definition),
    formatError: createErrorFormatter(logger),
    includeStacktraceInErrorResponses: isDevelopment(),
    // The process owner decides when to stop (npm start stops every part in order on Ctrl-C).
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginLandingPageDisabled(),
    ],
  });
  await apollo.start();

  const http = await serveGraphQL<SubgraphContext<unknown>>(
    {
      apollo,
      logger,
      context: async (_req: IncomingMessage, requestId: string) => ({
        requestId,
        caller: ANONYMOUS,
        loaders: definition.createLoaders(database.db),
        db: database.db,
      }),
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
          sendJson(res, 200, {
            subgraph: definition.name,
            requestId,
            sqlStatements: requestId ? (ledger.forRequest(requestId) ?? null) : ledger.totalStatements,
            rssBytes: process.memoryUsage.rss(),
          });
        },
      },
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
