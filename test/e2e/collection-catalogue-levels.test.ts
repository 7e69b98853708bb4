import { describe, expect, it } from 'vitest';
import { ACCESS_LEVELS, type AccessLevel } from '../../subgraphs/kit/access/levels.ts';
import { readCoordinatesOf } from '../../subgraphs/kit/collection/catalogue.ts';
import { asCaller } from '../support/access.ts';
import { collectingDepartments } from '../support/submissions.ts';

// The data catalogue (信用信息目录) of every collecting department, read anonymously through the
// gateway: every item of every record type has an access level, and it is the level the served schema
// declares where the item is read (the description the gateway's introspection returns carries it).

const TYPE = `query($name: String!) { __type(name: $name) { fields { name description } } }`;

/** The level the gateway's schema states for Type.field ("Access: PUBLIC (…)" in its description). */
async function servedLevel(coordinate: string, cache: Map<string, Map<string, string | null>>): Promise<AccessLevel | null> {
  const [typeName, field] = coordinate.split('.');
  if (!cache.has(typeName)) {
    const result = await asCaller({ kind: 'ANONYMOUS' }, TYPE, { name: typeName });
    expect(result.errors).toBeUndefined();
    cache.set(typeName, new Map((result.data.__type?.fields ?? []).map((f: { name: string; description: string | null }) => [f.name, f.description])));
  }
  const description = cache.get(typeName)!.get(field);
  return ((description && /Access: (PUBLIC|AUTHORISED|INTERNAL)\b/.exec(description)?.[1]) || null) as AccessLevel | null;
}

const strictest = (levels: AccessLevel[]) => levels.reduce((a, b) => (ACCESS_LEVELS.indexOf(b) > ACCESS_LEVELS.indexOf(a) ? b : a));

describe('the data catalogue of every department states each item\'s level as the served schema declares it', () => {
  const departments = collectingDepartments();

  it('covers the four collecting departments', () => {
    expect(departments.map((d) => d.department).sort()).toEqual(['courts', 'environment', 'market', 'tax']);
  });

  for (const { department, collection } of departments) {
    it(`${department}Catalogue: every record type, every field, no level missing and none differing from the schema`, async () => {
      const result = await asCaller({ kind: 'ANONYMOUS' }, `{ ${department}Catalogue { department recordType type fields { name required national access } } }`);
      expect(result.errors).toBeUndefined();
      const entries: { department: string; recordType: string; type: string; fields: { name: string; access: AccessLevel | null }[] }[] = result.data[`${department}Catalogue`];
      expect(entries.map((e) => e.recordType)).toEqual(collection.types.map((t) => t.recordType));

      const cache = new Map<string, Map<string, string | null>>();
      for (const entry of entries) {
        expect(entry.department).toBe(department.toUpperCase());
        const declared = collection.types.find((t) => t.recordType === entry.recordType)!;
        expect(entry.fields.map((f) => f.name)).toEqual(declared.fields.map((f) => f.name));
        for (const field of entry.fields) {
          const coordinates = readCoordinatesOf(declared, declared.fields.find((f) => f.name === field.name)!);
          const served = await Promise.all(coordinates.map((c) => servedLevel(c, cache)));
          expect(served, `${entry.recordType}.${field.name} read as ${coordinates.join(', ')}`).not.toContain(null);
          expect(field.access, `${entry.recordType}.${field.name}`).toBe(strictest(served as AccessLevel[]));
        }
      }
    });
  }

  it("the subject's code is PUBLIC in every record type, and market LISTING's list too", async () => {
    for (const { department } of departments) {
      const result = await asCaller({ kind: 'ANONYMOUS' }, `{ ${department}Catalogue { recordType fields { name access } } }`);
      for (const entry of result.data[`${department}Catalogue`]) {
        const uscc = entry.fields.find((f: { name: string }) => f.name === 'uscc');
        if (uscc) expect(uscc.access, `${department} ${entry.recordType}.uscc`).toBe('PUBLIC');
      }
    }
    const market = await asCaller({ kind: 'ANONYMOUS' }, `{ marketCatalogue { recordType fields { name access } } }`);
    const listing = market.data.marketCatalogue.find((e: { recordType: string }) => e.recordType === 'LISTING');
    expect(listing.fields.find((f: { name: string }) => f.name === 'list')).toEqual({ name: 'list', access: 'PUBLIC' });
  });
});
