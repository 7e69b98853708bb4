import { readFileSync } from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled, ApolloServerPluginUsageReportingDisabled } from '@apollo/server/plugin/disabled';
import { isDevelopment } from '../subgraphs/kit/config.ts';
import { createErrorFormatter } from '../subgraphs/kit/errors.ts';
import { REQUEST_ID_HEADER, sendJson, serveGraphQL, type RunningHttpServer } from '../subgraphs/kit/http-server.ts';
import { createLogger, type Logger } from '../subgraphs/kit/logger.ts';
import { runInRequestScope } from '../subgraphs/kit/request-scope.ts';
import type { GatewayOptions } from './config.ts';
import { landingPageRoutes } from './landing-page.ts';
import { useKitScalars } from './scalars.ts';
import { createSubgraphFetcher } from './subgraph-fetcher.ts';

export interface GatewayContext {
  requestId: string;
}

/** Forwards what a subgraph needs to know about the request: for now, its id, for the logs. */
class DepartmentDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    if (context.requestId) request.http?.headers.set(REQUEST_ID_HEADER, context.requestId);
  }
}

export interface RunningGateway extends RunningHttpServer {}

/** The one public entry: ApolloGateway over the committed supergraph, served over HTTP. */
export async function startGateway(options: GatewayOptions, logger: Logger = createLogger('gateway')): Promise<RunningGateway> {
  const fetcher = createSubgraphFetcher(options.subgraphTimeoutMs);
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(options.supergraphPath, 'utf8'),
    buildService: ({ name, url }) => new DepartmentDataSource({ url: options.subgraphUrls[name] ?? url, fetcher }),
    logger,
  });
  gateway.onSchemaLoadOrUpdate(({ apiSchema }) => useKitScalars(apiSchema));
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError: createErrorFormatter(logger),
    includeStacktraceInErrorResponses: isDevelopment(),
    stopOnTerminationSignals: false,
    plugins: [ApolloServerPluginUsageReportingDisabled(), ApolloServerPluginLandingPageDisabled()],
  });
  await apollo.start();

  const http = await serveGraphQL<GatewayContext>(
    {
      apollo,
      logger,
      context: async (_req, requestId) => ({ requestId }),
      around: (requestId, run) => runInRequestScope({ requestId, sqlStatements: 0 }, run),
      routes: {
        ...(options.landingPage ? landingPageRoutes() : {}),
        '/health': (_req, res) => sendJson(res, 200, { status: 'ok', service: 'gateway' }),
      },
    },
    { port: options.port, host: options.host },
  );
  logger.info({ url: http.url }, 'gateway ready');
  return {
    ...http,
    async stop() {
      await http.stop();
      await apollo.stop();
    },
  };
}
