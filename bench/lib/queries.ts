import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSchema, isObjectType, type GraphQLSchema } from 'graphql';
import type { AccessLevel } from '../../subgraphs/kit/access/levels.ts';
import { entityProfileFields, selectionOf, type ProfileField } from '../../test/support/profile-tree.ts';

// What the benchmark asks for, derived from the subgraphs' SDL (as the access tests do), so a field a
// department adds is benchmarked without anyone editing this file; limited to what the committed
// supergraph (what the gateway serves) has, so a field not yet composed is not asked for.

/** The four departments whose records make up a credit profile (the platform's are its own records). */
export const PROFILE_DOMAINS = ['MARKET', 'TAX', 'COURTS', 'ENVIRONMENT'] as const;

let supergraphPath = fileURLToPath(new URL('../../schema/supergraph.graphql', import.meta.url));
let supergraph: GraphQLSchema | undefined;

/** Which supergraph the gateways under test serve. @default this tree's schema/supergraph.graphql */
export function useSupergraph(path: string): void {
  supergraphPath = path;
  supergraph = undefined;
}

function isComposed(coordinate: string): boolean {
  supergraph ??= buildSchema(readFileSync(supergraphPath, 'utf8'), { assumeValidSDL: true });
  const [typeName, fieldName] = coordinate.split('.');
  const type = supergraph.getType(typeName);
  return isObjectType(type) && fieldName in type.getFields();
}

/** The profile fields a caller of these levels may see: the same tree, levels above them cut away. */
export function profileFields(levels: readonly AccessLevel[], domains: readonly string[] = PROFILE_DOMAINS): ProfileField[] {
  const keep = (fields: readonly ProfileField[]): ProfileField[] =>
    fields.flatMap((field) => {
      if (!levels.includes(field.level) || !isComposed(field.coordinate)) return [];
      if (!field.children) return [field];
      const children = keep(field.children);
      return children.length > 0 ? [{ ...field, children }] : [];
    });
  return keep(entityProfileFields().filter((f) => domains.includes(f.domain)));
}

export interface ProfileQueries {
  /** One entity through the gateway: `entity(uscc: $uscc)`. */
  one: string;
  /** Many entities through the gateway: `entities(usccs: $usccs)`. */
  many: string;
  /**
   * The same data straight from each subgraph, by subgraph name: market's own root query, and
   * `_entities` for the departments that extend Entity (variables: `$uscc`, or `$representations`).
   */
  direct: Record<string, string>;
}

export function profileQueries(levels: readonly AccessLevel[]): ProfileQueries {
  const fields = profileFields(levels);
  const selection = selectionOf(fields);
  const direct: Record<string, string> = {};
  for (const domain of PROFILE_DOMAINS) {
    const own = fields.filter((f) => f.domain === domain && f.name !== 'uscc');
    const name = domain.toLowerCase();
    direct[name] =
      name === 'market'
        ? `query Profile($uscc: USCC!) { entity(uscc: $uscc) { uscc ${selectionOf(own)} } }`
        : `query Profile($representations: [_Any!]!) { _entities(representations: $representations) { ... on Entity { uscc ${selectionOf(own)} } } }`;
  }
  return {
    one: `query Profile($uscc: USCC!) { entity(uscc: $uscc) { ${selection} } }`,
    many: `query Profiles($usccs: [USCC!]!) { entities(usccs: $usccs) { ${selection} } }`,
    direct,
  };
}

/** One department's public fields of one entity: through the gateway this is a single subgraph fetch. */
export function marketOnlyQuery(): string {
  return `query Market($uscc: USCC!) { entity(uscc: $uscc) { ${selectionOf(profileFields(['PUBLIC'], ['MARKET']))} } }`;
}

export const SEARCH_QUERY =
  'query Search($namePrefix: String!) { searchEntities(namePrefix: $namePrefix, first: 20) { edges { cursor node { uscc name regionName status } } pageInfo { hasNextPage endCursor } } }';
