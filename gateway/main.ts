import '../subgraphs/kit/runtime/no-telemetry.ts';
import { runEntryPoint } from '../subgraphs/kit/runtime/entry-point.ts';
import { createLogger } from '../subgraphs/kit/runtime/logger.ts';
import { readGatewayOptions } from './config.ts';
import { startGateway } from './gateway.ts';

const logger = createLogger('gateway');
await runEntryPoint('gateway', logger, () => startGateway(readGatewayOptions(), logger));
