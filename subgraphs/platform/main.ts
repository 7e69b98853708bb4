import '../kit/no-telemetry.ts';
import { runSubgraphFromEnvironment } from '../kit/main.ts';
import { platform } from './index.ts';

await runSubgraphFromEnvironment(platform);
