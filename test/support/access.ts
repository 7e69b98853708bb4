import { chinaToday } from '../../subgraphs/kit/calendar/china-day.ts';
import { addDays } from '../../subgraphs/kit/calendar/dates.ts';
import type { Purpose } from '../../subgraphs/kit/identity/purposes.ts';
import { graphql, type GraphQLResult } from './graphql.ts';
import { headersFor, type TestCaller } from './tokens.ts';

/** An organisation id no other test (or test run) uses: grants made under it are this test's alone. */
export function uniqueOrganisation(label: string): string {
  return `BANK-${label}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`.toUpperCase();
}

export async function asCaller(caller: TestCaller, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResult> {
  return graphql(query, variables, { headers: await headersFor(caller) });
}

export interface GrantRequest {
  organisation: string;
  domains?: string[];
  purposes?: Purpose[];
  validUntil?: string;
}

/** The entity grants an authorisation, as itself; resolves to the grant's id. */
export async function grant(uscc: string, { organisation, domains = ['MARKET'], purposes = ['LOAN_APPROVAL'], validUntil = addDays(chinaToday(), 90) }: GrantRequest): Promise<string> {
  const result = await asCaller(
    { kind: 'SUBJECT', uscc },
    `mutation($input: GrantAuthorisationInput!) { grantAuthorisation(input: $input) { id status } }`,
    { input: { uscc, organisation, domains, purposes, validUntil } },
  );
  if (result.errors) throw new Error(`grant failed: ${JSON.stringify(result.errors)}`);
  return result.data.grantAuthorisation.id;
}

/** A denied field's reason, or RELEASED when `value` came back; anything else is a test failure to see. */
export function outcomeOf(result: GraphQLResult, path: (string | number)[], value: unknown): string {
  const error = result.errors?.find((e) => (e.path ?? []).join('.') === path.join('.'));
  if (error) return error.extensions?.code === 'FORBIDDEN' ? error.extensions.reason : `${error.extensions?.code}: ${error.message}`;
  return value === null || value === undefined ? 'NULL WITHOUT AN ERROR' : 'RELEASED';
}
