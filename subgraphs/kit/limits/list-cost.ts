import {
  getNamedType,
  getNullableType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

/** Arguments that say how many items a field returns (pagination). */
const PAGE_SIZE_ARGUMENTS = ['first', 'last', 'limit'];

type Variables = Record<string, unknown>;

function valueOf(node: ValueNode, variables: Variables): unknown {
  if (node.kind === Kind.VARIABLE) return variables[node.name.value];
  if (node.kind === Kind.INT || node.kind === Kind.FLOAT) return Number(node.value);
  if (node.kind === Kind.LIST) return node.values;
  return null; // strings, enums, objects: no size
}

/**
 * How many items one field stands for: its page size (`first:`, given or its default), or else, for a
 * field that returns a list, the longest list it is given (`entities(usccs: [...])`,
 * `_entities(representations: $r)`); otherwise 1. Unbounded lists (an entity's penalties) count as 1:
 * the request does not say how long they are, and the cost is meant to be a floor the caller controls.
 */
export function listSizeOf(field: FieldNode, definition: GraphQLField<unknown, unknown> | undefined, variables: Variables): number {
  if (!definition) return 1;
  const given = new Map((field.arguments ?? []).map((a) => [a.name.value, valueOf(a.value, variables)]));
  for (const name of PAGE_SIZE_ARGUMENTS) {
    const arg = definition.args.find((a) => a.name === name);
    if (!arg) continue;
    const value = given.has(name) ? given.get(name) : arg.defaultValue;
    if (typeof value === 'number' && Number.isFinite(value)) return Math.max(1, Math.ceil(value));
    if (typeof value === 'number' || typeof value === 'string') return Number.POSITIVE_INFINITY;
  }
  if (!isListType(getNullableType(definition.type))) return 1;
  let longest = 1;
  for (const value of given.values()) if (Array.isArray(value)) longest = Math.max(longest, value.length);
  return longest;
}

/**
 * The cost of an operation: every field selected counts 1, times the sizes of the lists it sits in.
 * `entities(usccs: $codes) { name tax { ratings { grade } } }` with 100 codes costs 1 + 100 × 4.
 * Fragments are costed once each and multiplied where spread, so a "fragment bomb" (each fragment
 * spreading the one before twice) is computed in linear time and costed at its true, exponential size.
 * The most costly operation in the document is what counts, whichever one is to run.
 */
export function operationCost(schema: GraphQLSchema, document: DocumentNode, variables: unknown): number {
  const vars: Variables = variables && typeof variables === 'object' && !Array.isArray(variables) ? (variables as Variables) : {};
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const fragmentCosts = new Map<string, number>();
  const inProgress = new Set<string>();

  const fragmentCost = (name: string): number => {
    const known = fragmentCosts.get(name);
    if (known !== undefined) return known;
    const fragment = fragments.get(name);
    // A cycle or an unknown fragment: validation refuses the document; it costs nothing here.
    if (!fragment || inProgress.has(name)) return 0;
    inProgress.add(name);
    const cost = selectionCost(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value) ?? undefined);
    inProgress.delete(name);
    fragmentCosts.set(name, cost);
    return cost;
  };

  const selectionCost = (set: SelectionSetNode, parent: GraphQLNamedType | undefined): number => {
    let total = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const definition = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[selection.name.value] : undefined;
        const inner = selection.selectionSet ? selectionCost(selection.selectionSet, definition ? getNamedType(definition.type) : undefined) : 0;
        total += 1 + (inner === 0 ? 0 : listSizeOf(selection, definition, vars) * inner);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? (schema.getType(selection.typeCondition.name.value) ?? undefined) : parent;
        total += selectionCost(selection.selectionSet, type);
      } else {
        total += fragmentCost(selection.name.value);
      }
    }
    return total;
  };

  let most = 0;
  for (const d of document.definitions) {
    if (d.kind !== Kind.OPERATION_DEFINITION) continue;
    const root = d.operation === 'query' ? schema.getQueryType() : d.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
    most = Math.max(most, selectionCost(d.selectionSet, root ?? undefined));
  }
  return most;
}

/** Fields at the root of the widest operation, fragments on the root type included (each counted once, memoised). */
export function rootFieldCount(document: DocumentNode): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const known = new Map<string, number>();
  const count = (set: SelectionSetNode): number => {
    let n = 0;
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) n += s.name.value === '__typename' ? 0 : 1;
      else if (s.kind === Kind.INLINE_FRAGMENT) n += count(s.selectionSet);
      else {
        const name = s.name.value;
        if (!known.has(name) && fragments.has(name)) {
          known.set(name, 0); // a cycle counts nothing; validation refuses it
          known.set(name, count(fragments.get(name)!.selectionSet));
        }
        n += known.get(name) ?? 0;
      }
    }
    return n;
  };
  let most = 0;
  for (const d of document.definitions) if (d.kind === Kind.OPERATION_DEFINITION) most = Math.max(most, count(d.selectionSet));
  return most;
}
