import { writeFileSync } from 'node:fs';
import { composeSupergraph, SUPERGRAPH_PATH, supergraphProblem } from './supergraph.ts';

// `npm run compose` rewrites schema/supergraph.graphql; `npm run compose:check` (--check) only verifies it.
if (process.argv.includes('--check')) {
  const problem = supergraphProblem();
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
  console.log('schema/supergraph.graphql is up to date');
} else {
  const composed = composeSupergraph();
  if (!composed.ok) {
    console.error(`Composition fails:\n${composed.errors.join('\n')}`);
    process.exit(1);
  }
  writeFileSync(SUPERGRAPH_PATH, composed.sdl);
  console.log(`wrote schema/supergraph.graphql${composed.hints.length ? ` (${composed.hints.length} composition hints)` : ''}`);
}
