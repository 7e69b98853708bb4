import { inject } from 'vitest';

export interface GraphQLResult<T = any> {
  status: number;
  requestId: string;
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

/** POSTs a GraphQL operation to `url` (default: the gateway) and returns the parsed answer. */
export async function graphql<T = any>(
  query: string,
  variables: Record<string, unknown> = {},
  { url = inject('gatewayUrl'), headers = {} }: { url?: string; headers?: Record<string, string> } = {},
): Promise<GraphQLResult<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: GraphQLResult['errors'] };
  return { status: response.status, requestId: response.headers.get('x-request-id') ?? '', ...body };
}

/** SQL statements a subgraph ran for one request, read from its /stats endpoint. */
export async function sqlStatements(subgraph: string, requestId: string): Promise<number> {
  const url = inject('subgraphUrls')[subgraph].replace(/\/graphql$/, `/stats?request=${encodeURIComponent(requestId)}`);
  const stats = (await (await fetch(url)).json()) as { sqlStatements: number | null };
  return stats.sqlStatements ?? 0;
}
