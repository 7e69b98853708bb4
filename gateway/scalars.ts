import type { GraphQLSchema } from 'graphql';
import { GraphQLDate, GraphQLDateTime, GraphQLDecimal } from '../subgraphs/kit/identifiers/scalars.ts';
import { GraphQLUSCC } from '../subgraphs/kit/identifiers/uscc.ts';

const IMPLEMENTATIONS = [GraphQLUSCC, GraphQLDate, GraphQLDateTime, GraphQLDecimal];

/**
 * The supergraph only names its custom scalars; the gateway would pass any string through to the
 * subgraphs. Giving the gateway's schema the kit's implementations rejects a malformed code or date
 * during validation, with the same message, before any subgraph (or database) is asked.
 */
export function useKitScalars(schema: GraphQLSchema): void {
  for (const implementation of IMPLEMENTATIONS) {
    const type = schema.getType(implementation.name);
    if (!type || !('parseLiteral' in type)) continue;
    Object.assign(type, {
      parseValue: implementation.parseValue,
      parseLiteral: implementation.parseLiteral,
      serialize: implementation.serialize,
    });
  }
}
