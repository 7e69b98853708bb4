import { DEPARTMENTS } from './departments.ts';
import type { SubgraphDefinition } from './kit/subgraph/subgraph.ts';
import { courts } from './courts/index.ts';
import { environment } from './environment/index.ts';
import { market } from './market/index.ts';
import { platform } from './platform/index.ts';
import { tax } from './tax/index.ts';

/**
 * The implementations of the departments in departments.ts, for launchers only (npm start, the tests,
 * the benchmark, composition, migrations): nothing a subgraph or the gateway runs imports this file,
 * so no department's code depends on another's.
 */
export const SUBGRAPHS: readonly SubgraphDefinition[] = [market, tax, courts, environment, platform];

// The list as data and the implementations must name the same departments, and agree on which hold records.
for (const department of DEPARTMENTS) {
  const implementation = SUBGRAPHS.find((s) => s.name === department.name);
  if (!implementation) throw new Error(`departments.ts names ${department.name}, but registry.ts has no implementation of it`);
  if ((implementation.disclosure !== undefined) !== department.holdsRecords) {
    throw new Error(`departments.ts says ${department.name} ${department.holdsRecords ? 'holds' : 'holds no'} records; its definition's disclosure says otherwise`);
  }
}
if (SUBGRAPHS.length !== DEPARTMENTS.length) throw new Error('registry.ts implements a department that departments.ts does not name');

export function subgraphNamed(name: string): SubgraphDefinition {
  const found = SUBGRAPHS.find((s) => s.name === name);
  if (!found) throw new Error(`No subgraph named ${JSON.stringify(name)}; known: ${SUBGRAPHS.map((s) => s.name).join(', ')}`);
  return found;
}
