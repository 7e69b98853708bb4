import '../kit/runtime/no-telemetry.ts';
import { runSubgraphFromEnvironment } from '../kit/subgraph/main.ts';
import { courts } from './index.ts';

await runSubgraphFromEnvironment(courts);
