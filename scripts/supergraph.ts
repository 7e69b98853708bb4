import { readFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { DEFAULT_SUPERGRAPH_PATH } from '../gateway/config.ts';
import { subgraphSdlOf } from '../subgraphs/kit/subgraph/subgraph.ts';
import { departmentNamed } from '../subgraphs/departments.ts';
import { SUBGRAPHS } from '../subgraphs/registry.ts';

export const SUPERGRAPH_PATH = DEFAULT_SUPERGRAPH_PATH;

const HEADER = '# Composed by `npm run compose` from subgraphs/*/schema.graphql. Do not edit: edit the subgraphs.\n';

export type Composition = { ok: true; sdl: string; hints: string[] } | { ok: false; errors: string[] };

/**
 * Composes every registered subgraph's SDL (as the kit serves it) into the supergraph the gateway
 * loads. URLs are the local defaults; a deployment overrides them with `<NAME>_URL`.
 */
export function composeSupergraph(): Composition {
  const result = composeServices(
    SUBGRAPHS.map((s) => ({ name: s.name, typeDefs: subgraphSdlOf(s), url: `http://127.0.0.1:${departmentNamed(s.name).defaultPort}/graphql` })),
  );
  if (result.errors) return { ok: false, errors: result.errors.map((e) => e.message) };
  return { ok: true, sdl: `${HEADER}${result.supergraphSdl}`, hints: result.hints.map((h) => h.toString()) };
}

/** Null when the committed supergraph is what composition produces now; otherwise why not. */
export function supergraphProblem(): string | null {
  const composed = composeSupergraph();
  if (!composed.ok) return `Composition fails:\n${composed.errors.join('\n')}`;
  let committed = '';
  try {
    committed = readFileSync(SUPERGRAPH_PATH, 'utf8');
  } catch {
    return 'schema/supergraph.graphql is missing: run `npm run compose`';
  }
  return committed === composed.sdl ? null : 'schema/supergraph.graphql is stale (the subgraphs changed since it was composed): run `npm run compose` and commit it';
}
