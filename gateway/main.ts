import '../subgraphs/kit/no-telemetry.ts';
import { ConfigurationError } from '../subgraphs/kit/config.ts';
import { createLogger } from '../subgraphs/kit/logger.ts';
import { readGatewayOptions } from './config.ts';
import { startGateway } from './gateway.ts';

const logger = createLogger('gateway');
try {
  const gateway = await startGateway(readGatewayOptions(), logger);
  const stop = async () => {
    await gateway.stop();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  if (error instanceof ConfigurationError) {
    console.error(error.message);
    process.exit(2);
  }
  logger.fatal({ err: error }, 'gateway failed to start');
  process.exit(1);
}
