import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { operationCost, rootFieldCount } from '../../subgraphs/kit/limits/list-cost.ts';

const schema = buildSchema(`
  type Query { entities(usccs: [String!]!): [Entity]! entity(uscc: String!): Entity search(first: Int = 20): Connection! }
  type Connection { edges: [Edge!]! }
  type Edge { node: Entity! }
  type Entity { name: String penalties: [Penalty!]! }
  type Penalty { amount: Int note: String }
`);
const cost = (query: string, variables: unknown = {}) => operationCost(schema, parse(query), variables);

describe('operation cost: every field 1, times the list sizes the request states', () => {
  it('counts entities(usccs:) by the codes given, literal or variable', () => {
    expect(cost('{ entities(usccs: ["a", "b", "c"]) { name } }')).toBe(1 + 3 * 1);
    expect(cost('query($c: [String!]!) { entities(usccs: $c) { name penalties { amount } } }', { c: Array(100).fill('x') })).toBe(1 + 100 * 3);
  });

  it('counts first:, or its default', () => {
    expect(cost('{ search(first: 50) { edges { node { name } } } }')).toBe(1 + 50 * 3);
    expect(cost('{ search { edges { node { name } } } }')).toBe(1 + 20 * 3);
    expect(cost('{ search(first: 1e400) { edges { node { name } } } }')).toBe(Number.POSITIVE_INFINITY);
  });

  it('counts unbounded lists once: the request does not say how long they are', () => {
    expect(cost('{ entity(uscc: "a") { penalties { amount note } } }')).toBe(1 + 1 + 2);
  });

  it('costs a fragment bomb at its true size without expanding it', () => {
    const levels = 40;
    const fragments = Array.from({ length: levels }, (_, i) => `fragment F${i + 1} on Entity { ...F${i} ...F${i} }`).join(' ');
    const query = `{ entity(uscc: "a") { ...F${levels} } } fragment F0 on Entity { name } ${fragments}`;
    expect(cost(query)).toBe(1 + 2 ** levels);
  });

  it('counts root fields, through fragments, ignoring __typename', () => {
    expect(rootFieldCount(parse('{ __typename a: entity(uscc: "a") { name } ...R } fragment R on Query { b: entity(uscc: "b") { name } }'))).toBe(2);
  });
});
