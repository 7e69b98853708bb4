import { readFileSync } from 'node:fs';
import { buildASTSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ACCESS_LEVELS, accessLevelsOf, describeAccessLevelsInSdl } from '../../subgraphs/kit/access/levels.ts';
import { buildSchemaOf } from '../../subgraphs/kit/subgraph/subgraph.ts';
import { SUBGRAPHS } from '../../subgraphs/registry.ts';
import { supergraphProblem, SUPERGRAPH_PATH } from '../../scripts/supergraph.ts';

describe('every field declares its access level', () => {
  for (const subgraph of SUBGRAPHS) {
    it(`in the ${subgraph.name} subgraph`, () => {
      const levels = accessLevelsOf(buildSchemaOf(subgraph));
      const missing = [...levels].filter(([, level]) => level === undefined).map(([field]) => field);
      expect(missing).toEqual([]);
      expect(levels.size).toBeGreaterThan(0);
      for (const level of levels.values()) expect(ACCESS_LEVELS).toContain(level);
    });
  }

  it('notices a field without a level', () => {
    const sdl = 'enum L { PUBLIC } directive @access(level: L) on FIELD_DEFINITION type Query { a: Int @access(level: PUBLIC) b: Int }';
    const levels = accessLevelsOf(buildASTSchema(parse(sdl)));
    expect(levels.get('Query.a')).toBe('PUBLIC');
    expect(levels.has('Query.b')).toBe(true);
    expect(levels.get('Query.b')).toBeUndefined();
  });

  it('writes the level into each field description, for developers exploring the schema', () => {
    const sdl = describeAccessLevelsInSdl(
      'enum L { PUBLIC INTERNAL } directive @access(level: L) on FIELD_DEFINITION type Query { "Name." name: String @access(level: PUBLIC) id: String @access(level: INTERNAL) }',
    );
    const fields = buildASTSchema(parse(sdl)).getQueryType()!.getFields();
    expect(fields.name.description).toBe('Name.\n\nAccess: PUBLIC (anyone).');
    expect(fields.id.description).toBe('Access: INTERNAL (government callers only).');
  });
});

describe('the subgraphs share one federation header', () => {
  it('is the same, pinned to one federation version, in every schema.graphql', () => {
    const headers = SUBGRAPHS.map((s) => readFileSync(s.schemaPath, 'utf8').split('\n').slice(0, 4).join('\n'));
    expect(headers[0]).toMatch(/^extend schema\n  @link\(url: "https:\/\/specs\.apollo\.dev\/federation\/v2\.\d+"/);
    for (const header of headers) expect(header).toBe(headers[0]);
  });
});

describe('the committed supergraph', () => {
  it('composes without errors and matches the subgraphs (npm run compose:check)', () => {
    expect(supergraphProblem()).toBeNull();
  });

  it('carries each field’s access level for clients to read', () => {
    const supergraph = readFileSync(SUPERGRAPH_PATH, 'utf8');
    expect(supergraph).toContain('directive @access(level: AccessLevel!) on FIELD_DEFINITION');
    expect(supergraph).toMatch(/legalRepresentativeIdNumber: String @join__field\(graph: MARKET\) @access\(level: INTERNAL\)|legalRepresentativeIdNumber: String @access\(level: INTERNAL\)/);
  });
});
