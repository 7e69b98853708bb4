import { readFileSync } from 'node:fs';
import { parse, type DocumentNode } from 'graphql';
import { describeAccessLevels } from '../access/levels.ts';
import { describeReferences } from '../disclosure/references.ts';
import { describeNaturalPersons } from '../disclosure/natural-persons.ts';

const COMMON_SDL = readFileSync(new URL('./common.graphql', import.meta.url), 'utf8');
const LIFECYCLE_SDL = readFileSync(new URL('../disclosure/lifecycle.graphql', import.meta.url), 'utf8');
const COLLECTION_SDL = readFileSync(new URL('../collection/collection.graphql', import.meta.url), 'utf8');

export interface KitSdlParts {
  /** The disclosure lifecycle's shared types (lifecycle.graphql): for departments that hold records. @default false */
  lifecycle?: boolean;
  /** Collection's shared types (collection.graphql) and the department's submissions (collection/sdl.ts). @default none */
  collection?: string;
}

/**
 * A subgraph's SDL as it is served and composed: its own schema.graphql, the kit's shared
 * definitions, and each field's access level written into its description. The gateway's schema and
 * the subgraph's `_service.sdl` both come from this one function, so they cannot disagree.
 */
export function loadSubgraphSdl(schemaPath: string, parts: KitSdlParts = {}): DocumentNode {
  const own = readFileSync(schemaPath, 'utf8');
  return describeNaturalPersons(describeReferences(describeAccessLevels(parse(`${own}\n${COMMON_SDL}${parts.lifecycle ? `\n${LIFECYCLE_SDL}` : ''}${parts.collection ? `\n${COLLECTION_SDL}\n${parts.collection}` : ''}`))));
}
