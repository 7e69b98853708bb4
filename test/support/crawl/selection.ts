import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  isAbstractType,
  isNonNullType,
  isObjectType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';

/**
 * What the crawl asks for: every field the gateway's own schema offers on Entity, read by
 * introspection at the gateway (not from the SDL files), so a field any department adds is crawled
 * without this file changing. Depth is bounded (cycles: a record's history names objections, which
 * name records…), and fields that need an argument nobody can fill in generically are left out.
 */

/** One selected field; `children` for an object field, `fragments` for a union or interface. */
export interface SelectionNode {
  name: string;
  children?: SelectionNode[];
}

/** Levels below Entity the crawl descends: the deepest record field sits at 4 (lifecycle.history.objections.…). */
export const CRAWL_DEPTH = 6;

export async function introspect(url: string, headers: Record<string, string> = {}): Promise<GraphQLSchema> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: getIntrospectionQuery() }),
  });
  const body = (await response.json()) as { data?: IntrospectionQuery; errors?: unknown };
  if (!body.data) throw new Error(`introspection at ${url} failed: ${JSON.stringify(body.errors)}`);
  return buildClientSchema(body.data);
}

function selectionOf(type: GraphQLNamedType, schema: GraphQLSchema, depth: number): SelectionNode[] | undefined {
  if (isAbstractType(type)) {
    // Never met in today's profile; asked by type name so a new union is still crawled.
    return [{ name: '__typename' }, ...schema.getPossibleTypes(type).map((t) => ({ name: `... on ${t.name}`, children: fieldsOf(t, schema, depth) }))];
  }
  return isObjectType(type) ? fieldsOf(type, schema, depth) : undefined;
}

function fieldsOf(type: GraphQLObjectType, schema: GraphQLSchema, depth: number): SelectionNode[] {
  const nodes: SelectionNode[] = [];
  for (const field of Object.values(type.getFields())) {
    if (field.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined)) continue;
    const named = getNamedType(field.type);
    if (!isObjectType(named) && !isAbstractType(named)) {
      nodes.push({ name: field.name });
      continue;
    }
    // Another entity is crawled as itself; past the depth bound the crawl stops.
    if (named.name === 'Entity' || depth >= CRAWL_DEPTH) continue;
    const children = selectionOf(named, schema, depth + 1);
    if (children && children.length) nodes.push({ name: field.name, children });
  }
  return nodes;
}

/** Every field of Entity the schema offers, to CRAWL_DEPTH. */
export function entitySelection(schema: GraphQLSchema): SelectionNode[] {
  const entity = schema.getType('Entity');
  if (!isObjectType(entity)) throw new Error('the gateway schema has no Entity object type');
  return fieldsOf(entity, schema, 1);
}

export function printSelection(nodes: readonly SelectionNode[]): string {
  return nodes.map((n) => (n.children ? `${n.name} { ${printSelection(n.children)} }` : n.name)).join(' ');
}

/** Fields in a selection, leaves and objects alike: what the operation limits count. */
export function fieldCount(nodes: readonly SelectionNode[]): number {
  return nodes.reduce((sum, n) => sum + 1 + (n.children ? fieldCount(n.children) : 0), 0);
}

/**
 * Splits a selection in two halves that together select the same: by top-level field, or, for a
 * single object field, by its children (the same field asked twice in two operations). Null when it
 * cannot be split further (one leaf).
 */
export function halve(nodes: readonly SelectionNode[]): [SelectionNode[], SelectionNode[]] | null {
  if (nodes.length > 1) {
    // Halve by size, not by count: one department's tree outweighs a dozen registration fields.
    let best = 1;
    let bestGap = Infinity;
    const total = fieldCount(nodes);
    let running = 0;
    for (let i = 1; i < nodes.length; i++) {
      running += fieldCount([nodes[i - 1]]);
      const gap = Math.abs(total - 2 * running);
      if (gap < bestGap) [best, bestGap] = [i, gap];
    }
    return [nodes.slice(0, best), nodes.slice(best)];
  }
  const [only] = nodes;
  if (!only?.children) return null;
  const inner = halve(only.children);
  if (!inner) return null;
  return [[{ name: only.name, children: inner[0] }], [{ name: only.name, children: inner[1] }]];
}
