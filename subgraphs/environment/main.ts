import '../kit/runtime/no-telemetry.ts';
import { runSubgraphFromEnvironment } from '../kit/subgraph/main.ts';
import { environment } from './index.ts';

await runSubgraphFromEnvironment(environment);
