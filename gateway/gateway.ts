import { readFileSync } from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import type { GraphQLError, GraphQLSchema } from 'graphql';
import { ApolloServerPluginLandingPageDisabled, ApolloServerPluginUsageReportingDisabled } from '@apollo/server/plugin/disabled';
import type { Caller } from '../subgraphs/kit/identity/caller.ts';
import { CALLER_HEADER, INTERNAL_CALLER_HEADER } from '../subgraphs/kit/identity/caller-token.ts';
import { isDevelopment } from '../subgraphs/kit/runtime/config.ts';
import { createErrorFormatter } from '../subgraphs/kit/runtime/errors.ts';
import { REQUEST_ID_HEADER, serveGraphQL, type RunningHttpServer } from '../subgraphs/kit/runtime/http-server.ts';
import { drainThen, type DrainOptions } from '../subgraphs/kit/runtime/drain.ts';
import { createLogger, type Logger } from '../subgraphs/kit/runtime/logger.ts';
import { serveMetrics } from '../subgraphs/kit/runtime/metrics-server.ts';
import { observeRequests, requestLogPlugin } from '../subgraphs/kit/runtime/request-log.ts';
import { createAuthenticator } from './auth.ts';
import { createCallerTokens, IDENTITY_HEADERS, type CallerTokens } from './caller-header.ts';
import type { GatewayOptions } from './config.ts';
import { countDepartmentFailure, noteDepartmentCall, timedDepartmentCall } from './department-calls.ts';
import { departmentUnavailable, isDepartmentFailure } from './department-unavailable.ts';
import { entitiesWithoutDepartment, entityLookupWithoutDepartment } from './entities-without-department.ts';
import { landingPageRoutes } from './landing-page.ts';
import { reportPageRoutes } from './reports/report-page.ts';
import type { GatewayContext } from './context.ts';
import { createGatewayHealth } from './readiness.ts';
import { useKitScalars } from './scalars.ts';
import type { InFlightCounts } from './in-flight-requests.ts';
import { createOperationGuard, operationOf } from '../subgraphs/kit/limits/operation-guard.ts';
import { operationResolutionPlugin } from '../subgraphs/kit/limits/operation-resolution-plugin.ts';
import { collectionRoutes } from './collection-upload.ts';
import { createSubgraphFetcher } from './subgraph-fetcher.ts';
import { runWithinBudget } from './limits/request-budget.ts';
import { createRateLimiter, withinBudget } from './rate-limit.ts';
import { createCors } from './cors.ts';
import { createClientAddress } from './client-address.ts';

// In its own module so that routes beside the gateway (reports/) can name it without importing this one.
export type { GatewayContext } from './context.ts';

/** One department's subgraph as the gateway calls it. */
class DepartmentDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    private readonly department: string,
    private readonly timeoutMs: number,
    config: ConstructorParameters<typeof RemoteGraphQLDataSource<GatewayContext>>[0],
  ) {
    super(config);
  }

  /** Tells the department who is asking, in a header signed for it alone; nothing the client sent passes. */
  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    const headers = request.http?.headers;
    if (!headers) return;
    for (const name of IDENTITY_HEADERS) headers.delete(name);
    if (context.requestId) headers.set(REQUEST_ID_HEADER, context.requestId);
    noteDepartmentCall(this.department, headers);
    const token = await context.callerTokens?.forSubgraph(this.department);
    if (token) headers.set(CALLER_HEADER, token);
    const internal = await context.callerTokens?.internalFor(this.department, request.query ?? '');
    if (internal) headers.set(INTERNAL_CALLER_HEADER, internal);
  }

  override didEncounterError(error: Error, _request: unknown, response?: { status: number }): void {
    if ((error as GraphQLError).extensions?.code === 'RESPONSE_TOO_LARGE') throw error;
    countDepartmentFailure(this.department, error, response?.status);
    if (isDepartmentFailure(response?.status)) throw departmentUnavailable(this.department, error, response?.status, this.timeoutMs);
    throw error;
  }

  /** An entity fetch the department could not serve answers null fields, so fields that @require them still run. */
  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>) {
    try {
      return await timedDepartmentCall(this.department, () => super.process(options));
    } catch (error) {
      // Compared by code, not class: the error may come from another copy of graphql (CommonJS or ESM).
      const unavailable = (error as GraphQLError | undefined)?.extensions?.code === 'DEPARTMENT_UNAVAILABLE';
      const standIn = unavailable ? (entitiesWithoutDepartment(options.request, error as GraphQLError) ?? entityLookupWithoutDepartment(options.request, error as GraphQLError)) : null;
      if (standIn) return standIn;
      throw error;
    }
  }
}

export interface RunningGateway extends RunningHttpServer {
  /** Subgraph calls sent, and calls collapsed into an identical one in flight (gateway/in-flight-requests.ts). */
  readonly inFlight: InFlightCounts;
  drain(options: DrainOptions): Promise<void>;
}

/** The one public entry: ApolloGateway over the committed supergraph, served over HTTP. */
export async function startGateway(options: GatewayOptions, logger: Logger = createLogger('gateway')): Promise<RunningGateway> {
  const signingKey = options.callerSigningKey;
  const authenticator = createAuthenticator(options.auth);
  if (authenticator.issuers.length === 0) logger.warn('no token issuer is trusted (AUTH_ISSUERS): every caller is anonymous');
  else logger.info({ issuers: authenticator.issuers }, 'trusted token issuers');
  const fetcher = createSubgraphFetcher({ timeoutMs: options.subgraphTimeoutMs, collapseInFlight: options.collapseInFlight });
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(options.supergraphPath, 'utf8'),
    buildService: ({ name, url }) =>
      new DepartmentDataSource(name, options.subgraphTimeoutMs, { url: options.subgraphUrls[name] ?? url, fetcher }),
    logger,
  });
  let served: GraphQLSchema | undefined;
  gateway.onSchemaLoadOrUpdate(({ apiSchema }) => {
    useKitScalars(apiSchema);
    served = apiSchema;
  });
  const health = createGatewayHealth(gateway, signingKey);
  const rateLimiter = createRateLimiter(options.rateLimits, createClientAddress(options.trustedProxies ?? []));
  const guard = createOperationGuard(options.operationLimits, () => served);
  const metrics = await serveMetrics(options.metrics);
  const observe = observeRequests('gateway', logger);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError: createErrorFormatter(logger),
    includeStacktraceInErrorResponses: isDevelopment(),
    stopOnTerminationSignals: false,
    plugins: [ApolloServerPluginUsageReportingDisabled(), ApolloServerPluginLandingPageDisabled(), operationResolutionPlugin(), requestLogPlugin()],
  });
  await apollo.start();

  const contextFor = (caller: Caller, requestId: string): GatewayContext => ({ requestId, caller, callerTokens: createCallerTokens(caller, requestId, signingKey) });
  const uploads = collectionRoutes({ authenticate: (req) => authenticator.authenticate(req), subgraphUrls: options.subgraphUrls, signingKey, admit: (caller, req, res) => withinBudget(rateLimiter, 'upload', caller, req, res), admitTemplate: (caller, req, res) => withinBudget(rateLimiter, 'template', caller, req, res) });
  const http = await serveGraphQL<GatewayContext>(
    {
      apollo,
      logger,
      context: async (req, requestId, body) => {
        const caller = await authenticator.authenticate(req);
        await rateLimiter.consume(caller, req);
        guard.check(operationOf(req, body), caller.kind);
        return contextFor(caller, requestId);
      },
      around: (requestId, run, abandoned, req) => observe(requestId, () => runWithinBudget(options.maxSubgraphBytes, abandoned, run), abandoned, req),
      trustRequestId: false,
      edge: createCors(options.cors),
      clients: options.clients,
      responseLimitBytes: options.maxResponseBytes,
      routes: {
        ...(options.landingPage ? landingPageRoutes() : {}),
        ...health.routes,
        ...metrics.routes,
        ...reportPageRoutes({ apollo, authenticate: (req) => authenticator.authenticate(req), contextFor, admit: (caller, req, res) => withinBudget(rateLimiter, 'reportPage', caller, req, res) }),
        ...uploads.get,
      },
      postRoutes: uploads.post,
    },
    { port: options.port, host: options.host },
  );
  logger.info({ metrics: metrics.url, url: http.url }, 'gateway ready');
  const stop = async (graceMs?: number) => {
    await http.stop(graceMs);
    await apollo.stop();
    await metrics.stop();
    fetcher.close();
    await rateLimiter.close();
  };
  return {
    ...http,
    inFlight: fetcher.inFlight,
    stop,
    drain: drainThen(health, stop),
  };
}
