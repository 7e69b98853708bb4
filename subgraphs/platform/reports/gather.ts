import type { GraphQLFormattedError } from 'graphql';
import type { EntityRelease } from '../../kit/access/platform/backend.ts';
import type { ForwardedCallerToken } from '../../kit/identity/caller-token.ts';
import { DepartmentRefusedError, DepartmentUnavailableError, type DepartmentUrls } from '../../kit/disclosure/record-status-client.ts';
import { queryDepartment } from '../../kit/forwarded-query/client.ts';
import { REPORT_SOURCES, type ReportRecord } from './sources.ts';

/** What one department gave the report, as the caller. */
export interface DepartmentPart {
  subgraph: string;
  records: ReportRecord[];
  /** Fields the department withheld from this caller (FORBIDDEN), as response paths: the report says so. */
  withheld: string[];
  releases: EntityRelease[];
  /** The entity itself as market supervision answers it (its name); null from other departments. */
  entity: Record<string, unknown> | null;
}

/** Errors that mean the department could not answer in full, rather than that it refused this caller a field. */
function isFailure(error: GraphQLFormattedError): boolean {
  return error.extensions?.code !== 'FORBIDDEN';
}

function pathOf(error: GraphQLFormattedError): string {
  // Drop `_entities.0.`: the report is about one entity.
  return (error.path ?? []).slice(2).join('.');
}

/**
 * Asks one department for the entity's records, as the caller. `withName` adds the entity's own
 * fields, which market supervision owns. A department that cannot answer, or answers with an error
 * other than a refusal, is a DepartmentUnavailableError: no report is made of part of the records.
 */
export async function gatherFromDepartment(
  subgraph: string,
  urls: DepartmentUrls,
  forwarded: ForwardedCallerToken,
  uscc: string,
  { records, withName }: { records: boolean; withName: boolean },
): Promise<DepartmentPart> {
  const source = REPORT_SOURCES[subgraph];
  const selection = `${withName ? 'name regionName ' : ''}${records && source ? source.selection : ''}`;
  let answer;
  try {
    answer = await queryDepartment(subgraph, urls, forwarded, {
      query: `query CreditReport($representations: [_Any!]!) { _entities(representations: $representations) { ... on Entity { uscc ${selection} } } }`,
      variables: { representations: [{ __typename: 'Entity', uscc }] },
    });
  } catch (error) {
    if (error instanceof DepartmentRefusedError) throw new DepartmentUnavailableError(subgraph, `the ${subgraph} department refused the report's query: ${error.message}`);
    throw error;
  }
  const failures = (answer.errors ?? []).filter(isFailure);
  if (failures.length > 0) {
    throw new DepartmentUnavailableError(subgraph, `the ${subgraph} department could not answer in full: ${failures.map((e) => e.message).join('; ')}`);
  }
  const entity = ((answer.data as { _entities?: (Record<string, unknown> | null)[] } | null)?._entities ?? [])[0] ?? null;
  return {
    subgraph,
    records: records && source && entity ? source.records(entity) : [],
    withheld: (answer.errors ?? []).map(pathOf),
    releases: answer.releases,
    entity: withName ? entity : null,
  };
}
