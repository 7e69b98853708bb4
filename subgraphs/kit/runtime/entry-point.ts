import { ConfigurationError } from './config.ts';
import type { Logger } from './logger.ts';

/**
 * How every production entry point (each subgraph, the gateway) starts and stops: a configuration
 * mistake prints its sentence and exits 2; anything else is logged and exits 1; SIGINT and SIGTERM
 * stop the service cleanly.
 */
export async function runEntryPoint(what: string, logger: Logger, start: () => Promise<{ stop(): Promise<void> }>): Promise<void> {
  try {
    const running = await start();
    const stop = async () => {
      await running.stop();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } catch (error) {
    if (error instanceof ConfigurationError) {
      console.error(error.message);
      process.exit(2);
    }
    logger.fatal({ err: error }, `${what} failed to start`);
    process.exit(1);
  }
}
