import type { SubgraphDefinition } from './kit/subgraph.ts';
import { courts } from './courts/index.ts';
import { environment } from './environment/index.ts';
import { market } from './market/index.ts';
import { platform } from './platform/index.ts';
import { tax } from './tax/index.ts';

/**
 * The departments the federation joins. A new department joins by adding its folder under
 * subgraphs/ and one line here; composition, `npm start`, the tests and the benchmark read this list.
 */
export const SUBGRAPHS: readonly SubgraphDefinition[] = [market, tax, courts, environment, platform];

export function subgraphNamed(name: string): SubgraphDefinition {
  const found = SUBGRAPHS.find((s) => s.name === name);
  if (!found) throw new Error(`No subgraph named ${JSON.stringify(name)}; known: ${SUBGRAPHS.map((s) => s.name).join(', ')}`);
  return found;
}
