import { runEntryPoint } from './entry-point.ts';
import { envName, readMysqlUrl, readPort, readPositiveInteger, readUrl, ConfigurationError } from './config.ts';
import { readGatewayPublicKey } from './keys.ts';
import { readLifecycleOptions } from './lifecycle-options.ts';
import { createLogger } from './logger.ts';
import { DEFAULT_PLATFORM_URL } from './platform-client.ts';
import { startSubgraph, type SubgraphDefinition } from './subgraph.ts';

/**
 * The production entry of one subgraph, configured only by environment variables:
 * `<NAME>_DATABASE_URL` (required), `<NAME>_PORT`, `<NAME>_HOST`, `<NAME>_DATABASE_POOL_SIZE`,
 * `GATEWAY_PUBLIC_KEY` (the public half of the key the gateway signs callers with; outside production
 * the development pair in `.data/`), `PLATFORM_URL` (where grants and the access log live), the
 * disclosure lifecycle's `PUBLICITY_PERIODS`, `HOLIDAY_CALENDAR` and `OBJECTION_REVIEW_WORKING_DAYS`,
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
    // Imported here, not at the top: the registry imports every subgraph, this one included.
    const { SUBGRAPHS } = await import('../registry.ts');
    const departmentUrls = Object.fromEntries(
      SUBGRAPHS.map((s) => [s.name, readUrl(envName(s.name, 'URL'), `http://127.0.0.1:${s.defaultPort}/graphql`)]),
    );
    return startSubgraph(definition, {
      databaseUrl,
      port: readPort(envName(definition.name, 'PORT'), definition.defaultPort),
      host: process.env[envName(definition.name, 'HOST')] || '127.0.0.1',
      poolSize: readPositiveInteger(envName(definition.name, 'DATABASE_POOL_SIZE'), 10),
      logger,
      gatewayPublicKey: readGatewayPublicKey(),
      platformUrl: readUrl('PLATFORM_URL', DEFAULT_PLATFORM_URL),
      lifecycle: readLifecycleOptions(),
      departmentUrls,
    });
  });
}
