import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { GraphQLError, Kind, parse, type SelectionSetNode } from 'graphql';

type SubgraphRequest = Parameters<RemoteGraphQLDataSource['process']>[0]['request'];
type SubgraphResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;

/** The response names an `_entities` selection asks for, through inline fragments (`... on Entity { tax }`). */
function responseNames(selectionSet: SelectionSetNode, into: Set<string>): Set<string> {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) into.add(selection.alias?.value ?? selection.name.value);
    else if (selection.kind === Kind.INLINE_FRAGMENT) responseNames(selection.selectionSet, into);
  }
  return into;
}

function entitiesSelection(query: string): SelectionSetNode | undefined {
  const operation = parse(query).definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (!operation || operation.kind !== Kind.OPERATION_DEFINITION) return undefined;
  const [field] = operation.selectionSet.selections;
  return field?.kind === Kind.FIELD && field.name.value === '_entities' ? field.selectionSet : undefined;
}

/**
 * The stand-in answer to an `_entities` fetch that a department could not serve: each entity asked
 * about with every field asked for set to null, and the department-unavailable error once.
 *
 * Without it the gateway leaves those fields absent, and a field that `@requires` them (the platform's
 * listings, joint measures and eligibility) is then silently not asked at all. With it the platform is
 * asked and sees the department's records as null, so it can say the answer is incomplete and name the
 * department, and eligibility can still bar on what the other departments show. The client's response
 * is unchanged: the department's fields were null with this error before, and are now.
 * Null for anything but an `_entities` fetch (a root query): the error then stands as it is.
 */
export function entitiesWithoutDepartment(request: SubgraphRequest, error: GraphQLError): SubgraphResponse | null {
  const representations = request.variables?.representations;
  if (!request.query || !Array.isArray(representations)) return null;
  let selection: SelectionSetNode | undefined;
  try {
    selection = entitiesSelection(request.query);
  } catch {
    return null;
  }
  if (!selection) return null;
  const names = [...responseNames(selection, new Set())].filter((name) => name !== '__typename');
  return {
    data: {
      _entities: representations.map((representation: { __typename?: string }) => ({
        __typename: representation.__typename,
        ...Object.fromEntries(names.map((name) => [name, null])),
      })),
    },
    errors: [{ message: error.message, extensions: error.extensions }],
  };
}
