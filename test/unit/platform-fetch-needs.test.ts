import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createPlatformFetchNeeds, departmentFieldsOf, platformFetchNeeds } from '../../gateway/platform-fetch-needs.ts';

describe('what a platform fetch needs signed, from the parsed operation', () => {
  it("takes the department fields from the platform's declarations: @references(acrossDepartments: true) and resubmissions", () => {
    const sdl = parse(`
      type Objection { id: ID! recordId: ID @references(acrossDepartments: true) reason: String resubmissions: [String!] }
      type Penalty { decision: ID @references(record: "Penalty") }
      extend type Application { namedRecord: ID @references(acrossDepartments: true) }
    `);
    expect([...departmentFieldsOf(sdl)].sort()).toEqual(['Application.namedRecord', 'Objection.recordId', 'Objection.resubmissions']);
    const platform = parse(readFileSync(new URL('../../subgraphs/platform/schema.graphql', import.meta.url), 'utf8'));
    expect([...departmentFieldsOf(platform)]).toEqual(expect.arrayContaining(['Objection.recordId', 'CreditRepairApplication.recordId', 'Objection.resubmissions']));
  });

  it('a new field declared across departments is covered without naming it here', () => {
    const needs = createPlatformFetchNeeds(departmentFieldsOf(parse('type Case { namedRecord: ID @references(acrossDepartments: true) }')));
    expect(needs('{ cases { namedRecord } }').asksDepartments).toBe(true);
    expect(needs('{ cases { recordId } }').asksDepartments).toBe(false);
  });

  it('a record carrying another department\'s record asks wherever it is listed, whatever of it is selected', () => {
    const needs = createPlatformFetchNeeds(departmentFieldsOf(parse('type Section { entries: [Copy!]! } type Copy { recordId: ID! @references(acrossDepartments: true, carriesRecord: true) text: String }')));
    expect(needs('{ report { entries { text } } }').asksDepartments).toBe(true);
    expect(needs('{ report { title } }').asksDepartments).toBe(false);
    expect(platformFetchNeeds('{ creditReport(number: "X") { sections { records { description } } } }').asksDepartments).toBe(true);
    expect(platformFetchNeeds('{ creditReport(number: "X") { document } }').asksDepartments).toBe(true);
  });

  it('the real field asks the departments, directly, through an inline fragment, a named fragment and an entity fetch', () => {
    for (const operation of [
      '{ objections { recordId } }',
      '{ objections { ... on Objection { resubmissions { kind } } } }',
      'query { objections { ...Case } } fragment Case on Objection { reason recordId }',
      'query($representations: [_Any!]!) { _entities(representations: $representations) { ... on CreditRepairApplication { recordId } } }',
      '{ objections { id: recordId } }',
    ]) {
      expect(platformFetchNeeds(operation), operation).toEqual({ asksDepartments: true, gathersAsCaller: false });
    }
  });

  it('an alias, a string argument, a variable or a comment naming the field does not', () => {
    for (const operation of [
      '{ objections { recordId: id } }',
      '{ objections { resubmissions: reason } }',
      '{ entity(uscc: "recordId resubmissions issueCreditReport") { name } }',
      'query($recordId: ID) { entity(uscc: $recordId) { name } }',
      '# recordId\n{ entity(uscc: "x") { name } }',
      '{ objections { id',
    ]) {
      expect(platformFetchNeeds(operation), operation).toEqual({ asksDepartments: false, gathersAsCaller: false });
    }
  });

  it('a mutation asks the departments; only issueCreditReport gathers as the caller, not a field named so by an alias', () => {
    expect(platformFetchNeeds('mutation($input: CreditReportInput!) { issueCreditReport(input: $input) { number } }')).toEqual({ asksDepartments: true, gathersAsCaller: true });
    expect(platformFetchNeeds('mutation { issueCreditReport: fileObjection(input: {}) { id } }')).toEqual({ asksDepartments: true, gathersAsCaller: false });
    expect(platformFetchNeeds('  mutation { fileObjection(input: {}) { id } }')).toEqual({ asksDepartments: true, gathersAsCaller: false });
  });
});
