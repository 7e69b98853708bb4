import { GraphQLError, GraphQLObjectType, GraphQLSchema, GraphQLString, graphql } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  GraphQLUSCC,
  UsccError,
  USCC_ALPHABET,
  makeUscc,
  organisationCodeCheckCharacter,
  parseUscc,
  usccCheckCharacter,
  validateUscc,
} from '../../subgraphs/kit/identifiers/uscc.ts';
import { createRandom } from '../../subgraphs/kit/demo/random.ts';

const EXAMPLE = '91350100M000100Y43';

/** Completes 17 characters with the right USCC check character, so a case shows one problem only. */
const withCheck = (first17: string) => first17 + usccCheckCharacter(first17);

describe("the standard's example", () => {
  it('validates', () => {
    expect(validateUscc(EXAMPLE)).toBeNull();
  });

  it('parses into its parts', () => {
    expect(parseUscc(EXAMPLE)).toEqual({
      code: EXAMPLE,
      registeringAuthority: '9',
      entityTypeCode: '1',
      divisionCode: '350100',
      organisationCode: 'M000100Y4',
    });
  });

  it('has the check characters worked out by hand', () => {
    // GB 11714 over M000100Y: M=22, Y=34; 22×3 + 1×5 + 34×2 = 139; 139 mod 11 = 7; 11 − 7 = 4.
    expect(organisationCodeCheckCharacter('M000100Y')).toBe('4');
    // GB 32100 over 91350100M000100Y4 (alphabet indices M=21, Y=30):
    // 9×1 + 1×3 + 3×9 + 5×27 + 1×26 + 21×20 + 1×8 + 30×30 + 4×28 = 1640; 1640 mod 31 = 28; 31 − 28 = 3.
    expect(usccCheckCharacter('91350100M000100Y4')).toBe('3');
  });

  it('is rebuilt by makeUscc from its parts', () => {
    expect(makeUscc('9', '1', '350100', 'M000100Y')).toBe(EXAMPLE);
  });
});

describe('check-character edge cases', () => {
  it('maps a USCC sum divisible by 31 to 0, not to 31', () => {
    // 9×1 + 1×3 + 2×9 + 1×27 + 6×26 + 3×17 + 3×10 + 3×30 + 4×28 = 496 = 16 × 31.
    expect(usccCheckCharacter('91210603000000334')).toBe('0');
    expect(validateUscc('912106030000003340')).toBeNull();
  });

  it('maps organisation-code remainders 1 and 0 to X and 0', () => {
    // 6×2 = 12, 12 mod 11 = 1, 11 − 1 = 10 → X; all zeros: 11 − 0 = 11 → 0.
    expect(organisationCodeCheckCharacter('00000006')).toBe('X');
    expect(organisationCodeCheckCharacter('00000000')).toBe('0');
    expect(validateUscc(withCheck('9121060300000006X'))).toBeNull();
  });

  it('catches every single-character substitution of a valid code', () => {
    for (let position = 0; position < 18; position++) {
      for (const replacement of USCC_ALPHABET) {
        if (replacement === EXAMPLE[position]) continue;
        const changed = EXAMPLE.slice(0, position) + replacement + EXAMPLE.slice(position + 1);
        expect(validateUscc(changed), changed).not.toBeNull();
      }
    }
  });
});

describe('each problem is named (valid code first, then the invalid one)', () => {
  const cases: { problem: string; valid: string; invalid: string; message: string }[] = [
    {
      problem: 'LENGTH',
      valid: EXAMPLE,
      invalid: '9135010',
      message: 'USCC 9135010: must be 18 characters, got 7',
    },
    {
      problem: 'LENGTH',
      valid: EXAMPLE,
      invalid: ` ${EXAMPLE}`,
      message: `USCC  ${EXAMPLE}: must be 18 characters, got 19 (it has leading or trailing spaces)`,
    },
    {
      problem: 'LOWER_CASE',
      valid: EXAMPLE,
      invalid: '91350100m000100y43',
      message:
        "USCC 91350100m000100y43: character 'm' at position 9 is lower case; write the code in upper case (91350100M000100Y43)",
    },
    {
      problem: 'CHARACTER',
      valid: EXAMPLE,
      invalid: '91350100I000100Y43',
      message: "USCC 91350100I000100Y43: character 'I' at position 9 is not allowed (I, O, Z, S and V are never used)",
    },
    {
      problem: 'CHARACTER',
      valid: EXAMPLE,
      invalid: '9135-100M000100Y43',
      message:
        "USCC 9135-100M000100Y43: character '-' at position 5 is not allowed (only digits and the letters ABCDEFGHJKLMNPQRTUWXY are used)",
    },
    {
      problem: 'REGISTERING_AUTHORITY',
      valid: withCheck('Y1350100M000100Y4'),
      invalid: withCheck('B1350100M000100Y4'),
      message: `USCC ${withCheck('B1350100M000100Y4')}: registering authority code B is not one GB 32100 assigns (1–9, A, N, Y)`,
    },
    {
      problem: 'ENTITY_TYPE',
      valid: withCheck('93350100M000100Y4'),
      invalid: withCheck('94350100M000100Y4'),
      message:
        `USCC ${withCheck('94350100M000100Y4')}: entity type 4 is not used by registering authority 9 ` +
        "(工商: 1 enterprise, 2 individual business, 3 farmers' co-operative)",
    },
    {
      problem: 'ENTITY_TYPE',
      valid: withCheck('Y1350100M000100Y4'),
      invalid: withCheck('Y2350100M000100Y4'),
      message: `USCC ${withCheck('Y2350100M000100Y4')}: entity type 2 is not used by registering authority Y (其他: 1 other)`,
    },
    {
      problem: 'DIVISION_CODE',
      valid: EXAMPLE,
      invalid: withCheck('9135A100M000100Y4'),
      message: `USCC ${withCheck('9135A100M000100Y4')}: administrative division code 35A100 must be 6 digits`,
    },
    {
      problem: 'ORGANISATION_CODE_CHECK',
      valid: EXAMPLE,
      invalid: withCheck('91350100M000100Y5'),
      message: `USCC ${withCheck('91350100M000100Y5')}: organisation code M000100Y5 has check character 5, should be 4`,
    },
    {
      problem: 'CHECK_CHARACTER',
      valid: EXAMPLE,
      invalid: '91350100M000100Y44',
      message: 'USCC 91350100M000100Y44: check character should be 3',
    },
  ];

  it.each(cases)('$problem: $invalid', ({ problem, valid, invalid, message }) => {
    expect(validateUscc(valid)).toBeNull();
    expect(validateUscc(invalid)).toMatchObject({ kind: problem, message });
    expect(() => parseUscc(invalid)).toThrow(UsccError);
    expect(() => parseUscc(invalid)).toThrow(message);
  });

  it('accepts the loosely checked authorities with their own entity types only', () => {
    for (const authority of ['2', '4', '6', '7', '8', 'A', 'N']) {
      for (const type of ['1', '2', '3', '9']) expect(validateUscc(withCheck(`${authority}${type}210603MA0000007`))).toBeNull();
      expect(validateUscc(withCheck(`${authority}4210603MA0000007`))?.kind).toBe('ENTITY_TYPE');
    }
    // 司法行政 also registers judicial appraisal institutions (4) and arbitration commissions (5).
    for (const type of ['4', '5']) expect(validateUscc(withCheck(`3${type}210603MA0000007`))).toBeNull();
    expect(validateUscc(withCheck('36210603MA0000007'))?.kind).toBe('ENTITY_TYPE');
    // M=22, A=10: 22×3 + 10×7 = 136; 136 mod 11 = 4; 11 − 4 = 7.
    expect(organisationCodeCheckCharacter('MA000000')).toBe('7');
  });

  it('suggests upper case only when that would be a valid code', () => {
    expect(validateUscc('91350100m000100y44')?.message).toBe(
      "USCC 91350100m000100y44: character 'm' at position 9 is lower case; write the code in upper case",
    );
  });

  it('shortens absurdly long input in the message', () => {
    const message = validateUscc('9'.repeat(5000))?.message ?? '';
    expect(message).toBe(`USCC ${'9'.repeat(24)}… (5000 characters): must be 18 characters, got 5000`);
  });

  it('throws a UsccError that is an Error and carries the problem', () => {
    try {
      parseUscc('9135010');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(UsccError);
      expect(error).toBeInstanceOf(Error);
      expect((error as UsccError).problem.kind).toBe('LENGTH');
    }
  });
});

describe('makeUscc', () => {
  it('builds 10,000 codes that all validate and are unique', () => {
    const random = createRandom('uscc-test');
    const parts: [string, string][] = [['1', '1'], ['1', '2'], ['5', '1'], ['5', '3'], ['9', '1'], ['9', '2'], ['9', '3'], ['Y', '1']];
    const codes = new Set<string>();
    for (let i = 0; i < 10_000; i++) {
      const [authority, type] = random.pick(parts);
      const division = String(random.int(110000, 659999));
      let body = '';
      for (let n = i, k = 0; k < 8; k++, n = Math.floor(n / 31)) body = USCC_ALPHABET[n % 31] + body;
      const code = makeUscc(authority, type, division, body);
      expect(validateUscc(code)).toBeNull();
      codes.add(code);
    }
    expect(codes.size).toBe(10_000);
  });

  it('refuses parts that cannot make a valid code', () => {
    expect(() => makeUscc('9', '4', '350100', 'M000100Y')).toThrow(/entity type 4 is not used by registering authority 9/);
    expect(() => makeUscc('9', '1', '350100', 'M000100I')).toThrow(/character 'I' at position 16 is not allowed/);
    expect(() => makeUscc('9', '1', '35010', 'M000100Y')).toThrow(/6-digit division/);
  });
});

describe('GraphQLUSCC scalar', () => {
  function schemaCountingLookups() {
    const lookups: string[] = [];
    const schema = new GraphQLSchema({
      query: new GraphQLObjectType({
        name: 'Query',
        fields: {
          entityName: {
            type: GraphQLString,
            args: { uscc: { type: GraphQLUSCC } },
            resolve: (_: unknown, { uscc }: { uscc: string }) => {
              lookups.push(uscc);
              return `entity ${uscc}`;
            },
          },
        },
      }),
    });
    return { schema, lookups };
  }

  it('is named USCC and says malformed codes are rejected before lookup', () => {
    expect(GraphQLUSCC.name).toBe('USCC');
    expect(GraphQLUSCC.description).toMatch(/rejected/);
    expect(GraphQLUSCC.description).toMatch(/before any lookup/);
  });

  it('passes a valid code through parseValue, and rejects an invalid one with BAD_USER_INPUT', () => {
    expect(GraphQLUSCC.parseValue(EXAMPLE)).toBe(EXAMPLE);
    try {
      GraphQLUSCC.parseValue('91350100M000100Y44');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(GraphQLError);
      expect((error as GraphQLError).message).toBe('USCC 91350100M000100Y44: check character should be 3');
      expect((error as GraphQLError).extensions.code).toBe('BAD_USER_INPUT');
    }
    expect(() => GraphQLUSCC.parseValue(91350100)).toThrow('USCC must be a string, got number');
  });

  it('serializes strings unchanged', () => {
    expect(GraphQLUSCC.serialize(EXAMPLE)).toBe(EXAMPLE);
  });

  it('looks up a valid literal', async () => {
    const { schema, lookups } = schemaCountingLookups();
    const result = await graphql({ schema, source: `{ entityName(uscc: "${EXAMPLE}") }` });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ entityName: `entity ${EXAMPLE}` });
    expect(lookups).toEqual([EXAMPLE]);
  });

  it('rejects an invalid literal before any lookup', async () => {
    const { schema, lookups } = schemaCountingLookups();
    const result = await graphql({ schema, source: '{ entityName(uscc: "9135010") }' });
    expect(result.errors?.map((e) => [e.message, e.extensions.code])).toEqual([
      ['USCC 9135010: must be 18 characters, got 7', 'BAD_USER_INPUT'],
    ]);
    expect(lookups).toEqual([]);
  });

  it('rejects a non-string literal', async () => {
    const { schema, lookups } = schemaCountingLookups();
    const result = await graphql({ schema, source: '{ entityName(uscc: 91350100) }' });
    expect(result.errors?.map((e) => [e.message, e.extensions.code])).toEqual([
      ['USCC must be a string, got 91350100', 'BAD_USER_INPUT'],
    ]);
    expect(lookups).toEqual([]);
  });

  it('rejects an invalid variable before any lookup, keeping the code', async () => {
    const { schema, lookups } = schemaCountingLookups();
    const source = 'query ($uscc: USCC) { entityName(uscc: $uscc) }';
    const good = await graphql({ schema, source, variableValues: { uscc: EXAMPLE } });
    expect(good.errors).toBeUndefined();
    const bad = await graphql({ schema, source, variableValues: { uscc: '91350100I000100Y43' } });
    expect(bad.errors?.[0].message).toContain("character 'I' at position 9 is not allowed");
    expect(bad.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(lookups).toEqual([EXAMPLE]);
  });
});
