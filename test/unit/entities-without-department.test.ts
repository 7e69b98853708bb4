import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { entitiesWithoutDepartment, entityLookupWithoutDepartment } from '../../gateway/entities-without-department.ts';

const unavailable = new GraphQLError('The courts department could not be reached; its records are missing from this response.', {
  extensions: { code: 'DEPARTMENT_UNAVAILABLE', department: 'courts' },
});

describe('the stand-in answer for a department that cannot serve an entity fetch', () => {
  it('answers every entity asked about with the fields asked for set to null, and the error once', () => {
    const request = {
      query: 'query($representations:[_Any!]!){_entities(representations:$representations){...on Entity{__typename courts{dishonestDebtorEntries{id}} alias:judgments}}}',
      variables: { representations: [{ __typename: 'Entity', uscc: 'A' }, { __typename: 'Entity', uscc: 'B' }] },
    };
    expect(entitiesWithoutDepartment(request, unavailable)).toEqual({
      data: {
        _entities: [
          { __typename: 'Entity', courts: null, alias: null },
          { __typename: 'Entity', courts: null, alias: null },
        ],
      },
      errors: [{ message: unavailable.message, extensions: { code: 'DEPARTMENT_UNAVAILABLE', department: 'courts' } }],
    });
  });

  it('leaves any other request to fail as before', () => {
    expect(entitiesWithoutDepartment({ query: '{ entity(uscc: "A") { name } }', variables: {} }, unavailable)).toBeNull();
    expect(entitiesWithoutDepartment({ query: 'not graphql', variables: { representations: [] } }, unavailable)).toBeNull();
  });
});

describe('the stand-in answer for an entity lookup the owning department cannot serve', () => {
  const marketDown = new GraphQLError('The market department could not be reached; its records are missing from this response.', {
    extensions: { code: 'DEPARTMENT_UNAVAILABLE', department: 'market' },
  });

  it('answers the entity with its key only, so the other departments are still asked about it', () => {
    const request = { query: 'query($uscc:USCC!){entity(uscc:$uscc){__typename uscc name status}}', variables: { uscc: 'K' } };
    expect(entityLookupWithoutDepartment(request, marketDown)).toEqual({
      data: { entity: { __typename: 'Entity', uscc: 'K', name: null, status: null } },
      errors: [{ message: marketDown.message, extensions: { code: 'DEPARTMENT_UNAVAILABLE', department: 'market' } }],
    });
  });

  it('leaves searches, lists and entity fetches to fail as before', () => {
    expect(entityLookupWithoutDepartment({ query: '{ searchEntities(first: 3) { nodes { uscc } } }', variables: {} }, marketDown)).toBeNull();
    expect(entityLookupWithoutDepartment({ query: 'query($u:[USCC!]!){ entities(usccs: $u) { uscc } }', variables: { u: ['K'] } }, marketDown)).toBeNull();
    expect(entityLookupWithoutDepartment({ query: '{ entity(uscc: "K") { uscc } other: entity(uscc: "L") { uscc } }', variables: {} }, marketDown)).toBeNull();
  });
});
