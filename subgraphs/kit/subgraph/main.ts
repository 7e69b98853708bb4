import { DEPARTMENTS, departmentNamed } from '../../departments.ts';
import { runEntryPoint } from '../runtime/entry-point.ts';
import { envName, readMysqlUrl, readPort, readPositiveInteger, readUrl, ConfigurationError } from '../runtime/config.ts';
import { readGatewayPublicKeys } from '../identity/keys.ts';
import { readLifecycleOptions } from '../disclosure/lifecycle-options.ts';
import { createLogger } from '../runtime/logger.ts';
import { readMetricsListen } from '../runtime/metrics-server.ts';
import { DEFAULT_PLATFORM_URL } from '../access/platform/platform-client.ts';
import { readGrantsCacheMs } from '../access/platform/grants-cache.ts';
import { startSubgraph, type SubgraphDefinition } from './subgraph.ts';
import { readOperationLimits } from '../limits/operation-limits.ts';
import { readInternalSharing } from '../access/internal-sharing.ts';

/**
 * The production entry of one subgraph, configured only by environment variables:
 * `<NAME>_DATABASE_URL` (required), `<NAME>_PORT`, `<NAME>_HOST`, `<NAME>_DATABASE_POOL_SIZE`,
 * `GATEWAY_PUBLIC_KEY` (the public half of the key the gateway signs callers with; outside production
 * the development pair in `.data/`), `PLATFORM_URL` (where grants and the access log live), `GRANTS_CACHE_MS`, the
 * disclosure lifecycle's `PUBLICITY_PERIODS`, `EXIT_PERIODS`, `HOLIDAY_CALENDAR` and `OBJECTION_REVIEW_WORKING_DAYS`,
 * and every department's `<NAME>_URL` (the platform tells departments of objections and repairs).
 */
export async function runSubgraphFromEnvironment(definition: SubgraphDefinition): Promise<void> {
  const logger = createLogger(definition.name);
  await runEntryPoint(`${definition.name} subgraph`, logger, async () => {
    const variable = envName(definition.name, 'DATABASE_URL');
    const databaseUrl = readMysqlUrl(variable);
    if (!databaseUrl) {
      throw new ConfigurationError(`${variable} is not set: give the ${definition.name} subgraph its database, e.g. ${variable}=mysql://user:password@127.0.0.1:3306/credit_${definition.name}`);
    }
    const departmentUrls = Object.fromEntries(
      DEPARTMENTS.map((d) => [d.name, readUrl(envName(d.name, 'URL'), `http://127.0.0.1:${d.defaultPort}/graphql`)]),
    );
    return startSubgraph(definition, {
      databaseUrl,
      port: readPort(envName(definition.name, 'PORT'), departmentNamed(definition.name).defaultPort),
      host: process.env[envName(definition.name, 'HOST')] || '127.0.0.1',
      poolSize: readPositiveInteger(envName(definition.name, 'DATABASE_POOL_SIZE'), 10),
      logger,
      gatewayPublicKeys: readGatewayPublicKeys(),
      platformUrl: readUrl('PLATFORM_URL', DEFAULT_PLATFORM_URL),
      grantsCacheMs: readGrantsCacheMs(),
      lifecycle: readLifecycleOptions(),
      departmentUrls,
      operationLimits: readOperationLimits(),
      internalSharing: readInternalSharing(),
      metrics: readMetricsListen(definition.name),
      // Migrations run apart (`npm run migrate`, compose's migrate service); a database behind them is refused.
      migrate: false,
    });
  });
}
