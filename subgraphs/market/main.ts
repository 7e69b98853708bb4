import '../kit/runtime/no-telemetry.ts';
import { runSubgraphFromEnvironment } from '../kit/subgraph/main.ts';
import { market } from './index.ts';

await runSubgraphFromEnvironment(market);
