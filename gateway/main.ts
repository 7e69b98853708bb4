import '../subgraphs/kit/no-telemetry.ts';
import { runEntryPoint } from '../subgraphs/kit/entry-point.ts';
import { createLogger } from '../subgraphs/kit/logger.ts';
import { readGatewayOptions } from './config.ts';
import { startGateway } from './gateway.ts';

const logger = createLogger('gateway');
await runEntryPoint('gateway', logger, () => startGateway(readGatewayOptions(), logger));
