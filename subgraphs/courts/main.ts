import '../kit/no-telemetry.ts';
import { runSubgraphFromEnvironment } from '../kit/main.ts';
import { courts } from './index.ts';

await runSubgraphFromEnvironment(courts);
