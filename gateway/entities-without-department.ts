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

/** The root field that looks an entity up by its key: what market supervision, which owns it, answers. */
const ENTITY_LOOKUP = 'entity';

/**
 * The stand-in answer to the root `entity(uscc:)` fetch when the department that owns the entity
 * (market supervision) cannot serve it: an entity with only its key, every other field asked for null,
 * and the department-unavailable error. The gateway then asks the other departments about that key as
 * usual, so a market outage costs market's fields, not the whole profile. The USCC was already checked
 * by the gateway's own scalar, so only a well-formed code gets a stand-in; with market up, an unknown
 * code is answered by market, null as ever. Null for anything else: the error then stands.
 */
export function entityLookupWithoutDepartment(request: SubgraphRequest, error: GraphQLError): SubgraphResponse | null {
  if (!request.query) return null;
  let operation;
  try {
    operation = parse(request.query).definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  } catch {
    return null;
  }
  if (!operation || operation.kind !== Kind.OPERATION_DEFINITION || operation.operation !== 'query') return null;
  const [field, ...others] = operation.selectionSet.selections;
  if (others.length > 0 || field?.kind !== Kind.FIELD || field.name.value !== ENTITY_LOOKUP || !field.selectionSet) return null;
  const argument = field.arguments?.find((a) => a.name.value === 'uscc')?.value;
  const uscc =
    argument?.kind === Kind.VARIABLE ? request.variables?.[argument.name.value] : argument?.kind === Kind.STRING ? argument.value : undefined;
  if (typeof uscc !== 'string') return null;
  const entity: Record<string, unknown> = {};
  for (const selection of field.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD) continue;
    const name = selection.alias?.value ?? selection.name.value;
    entity[name] = selection.name.value === '__typename' ? 'Entity' : selection.name.value === 'uscc' ? uscc : null;
  }
  return {
    data: { [field.alias?.value ?? field.name.value]: entity },
    errors: [{ message: error.message, extensions: error.extensions }],
  };
}
