import '../kit/runtime/no-telemetry.ts';
import { runSubgraphFromEnvironment } from '../kit/subgraph/main.ts';
import { platform } from './index.ts';

await runSubgraphFromEnvironment(platform);
