import '../kit/no-telemetry.ts';
import { runSubgraphFromEnvironment } from '../kit/main.ts';
import { market } from './index.ts';

await runSubgraphFromEnvironment(market);
