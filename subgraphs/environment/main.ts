import '../kit/no-telemetry.ts';
import { runSubgraphFromEnvironment } from '../kit/main.ts';
import { environment } from './index.ts';

await runSubgraphFromEnvironment(environment);
