import { describe, expect, it } from 'vitest';
import { levelOfCollectedField } from '../../subgraphs/kit/collection/catalogue.ts';
import { screenAtDoor, screenedFieldsOf } from '../../subgraphs/kit/collection/screen-at-door.ts';
import { isScreenedField, REDACTION } from '../../subgraphs/kit/disclosure/personal-identifiers.ts';
import { buildSchemaOf } from '../../subgraphs/kit/subgraph/subgraph.ts';
import { SUBGRAPHS } from '../../subgraphs/registry.ts';

// Every published free-text field that collection takes in is screened, at the door and in the views
// (one list, SCREENED_FIELDS): a new collected field of free text cannot slip past both unnoticed.

/** Public text the screen leaves alone, each with why it is not free text a person writes into. */
const NOT_FREE_TEXT: Record<string, string> = {
  basis: 'the legal basis: citations of laws and articles',
  publicationSource: "where the department published the record: a URL, whose digits are no person's",
  address: "an address (an individual business's 住所 is withheld by the natural-person rules)",
  title: "a licence's name",
  taskName: "an inspection campaign's name",
  name: "a subject's registered name, or a person's name published by law",
};

describe('free text screened at the door', () => {
  it('every PUBLIC collected text field of 300 characters or more is screened or named here as no free text', () => {
    const unscreened: string[] = [];
    for (const subgraph of SUBGRAPHS.filter((s) => s.collection)) {
      const schema = buildSchemaOf(subgraph);
      for (const type of subgraph.collection!.types) {
        for (const field of type.fields) {
          if (field.rule.kind !== 'text' || field.rule.max < 300) continue;
          if (levelOfCollectedField(schema, type, field) !== 'PUBLIC') continue;
          const coordinate = `${type.type}.${field.name}`;
          if (!isScreenedField(coordinate) && !NOT_FREE_TEXT[field.name]) unscreened.push(coordinate);
        }
      }
    }
    expect(unscreened).toEqual([]);
  });

  it('names each field and identifier of the rows written, and only those', () => {
    const penalty = SUBGRAPHS.find((s) => s.name === 'market')!.collection!.types.find((t) => t.recordType === 'PENALTY')!;
    expect(screenedFieldsOf(penalty)).toEqual(['facts']);
    const rows = [
      { index: 0, sourceId: 'a', values: { facts: '当事人手机13800138000', basis: '《广告法》第五十五条' } },
      { index: 1, sourceId: 'b', values: { facts: '无' } },
      { index: 2, sourceId: 'c', values: { facts: '卡号6222021234567890123' } },
    ];
    const found = screenAtDoor(penalty, rows, [{ index: 0 }, { index: 1 }]);
    expect(found).toEqual([{ index: 0, sourceId: 'a', field: 'facts', kinds: ['PHONE'], message: expect.stringContaining(`facts: contains a mobile number`) }]);
    expect(found[0].message).toContain(REDACTION);
    expect(found[0].message).not.toContain('13800138000');
    expect(screenAtDoor(penalty, rows).map((f) => f.index)).toEqual([0, 2]);
  });
});
