import { ConfigurationError } from './config.ts';
import { readDrainOptions, type Drainable } from './drain.ts';
import type { Logger } from './logger.ts';
import { loadSecretFiles } from './secret-files.ts';
import { startTracing, stopTracing } from './tracing.ts';

/**
 * How every production entry point (each subgraph, the gateway) starts and stops: a configuration
 * mistake prints its sentence and exits 2; anything else is logged and exits 1; SIGTERM drains the
 * service (readiness fails, requests under way finish, see drain.ts) and SIGINT stops it at once.
 */
export async function runEntryPoint(what: string, logger: Logger, start: () => Promise<Drainable>): Promise<void> {
  try {
    loadSecretFiles();
    // Before the service starts, so that its first request is traced (only with an OTLP endpoint).
    if (await startTracing(String(logger.bindings().name ?? what))) logger.info('exporting traces over OTLP');
    const drainOptions = readDrainOptions();
    const running = await start();
    const stop = async (signal: NodeJS.Signals) => {
      if (signal === 'SIGTERM' && running.drain) {
        logger.info({ ...drainOptions }, `${what} draining`);
        await running.drain(drainOptions);
      } else await running.stop();
      await stopTracing();
      logger.info(`${what} stopped`);
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
