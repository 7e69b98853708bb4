import '../kit/no-telemetry.ts';
import { runSubgraphFromEnvironment } from '../kit/main.ts';
import { tax } from './index.ts';

await runSubgraphFromEnvironment(tax);
