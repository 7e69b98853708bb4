import { inject } from 'vitest';

export interface RequestCounts {
  sqlStatements: number;
  authorisationLookups: number;
  accessLogWrites: number;
}

/** What a subgraph did for one request (its /stats endpoint): SQL statements, grants lookups, access-log writes. */
export async function requestCounts(subgraph: string, requestId: string, url = inject('subgraphUrls')[subgraph]): Promise<RequestCounts> {
  const stats = (await (await fetch(url.replace(/\/graphql$/, `/stats?request=${encodeURIComponent(requestId)}`))).json()) as Partial<Record<keyof RequestCounts, number | null>>;
  return {
    sqlStatements: stats.sqlStatements ?? 0,
    authorisationLookups: stats.authorisationLookups ?? 0,
    accessLogWrites: stats.accessLogWrites ?? 0,
  };
}
