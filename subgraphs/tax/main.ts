import '../kit/runtime/no-telemetry.ts';
import { runSubgraphFromEnvironment } from '../kit/subgraph/main.ts';
import { tax } from './index.ts';

await runSubgraphFromEnvironment(tax);
