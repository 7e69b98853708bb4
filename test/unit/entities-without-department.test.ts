import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { entitiesWithoutDepartment } from '../../gateway/entities-without-department.ts';

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
