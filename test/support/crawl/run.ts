import type { GraphQLSchema } from 'graphql';
import { addDays } from '../../../subgraphs/kit/calendar/dates.ts';
import { openDatabase } from '../../../subgraphs/kit/db/database.ts';
import { authorisations } from '../../../subgraphs/platform/db/tables.ts';
import { subgraphNamed } from '../../../subgraphs/registry.ts';
import { checkCrawl, type Leak } from './checker.ts';
import { crawl, type CrawlResult } from './crawl.ts';
import { computeTruth, stableTruth, type Truth } from './oracle.ts';
import type { SelectionNode } from './selection.ts';

/** The departments whose records an authorised bank may be granted (every one but the platform's own). */
export const GRANTABLE_DOMAINS = 'MARKET,TAX,COURTS,ENVIRONMENT';

/**
 * Every one of these entities authorises `organisation` for loan approval over every department, as
 * the platform records an online grant: one row per entity, written in one statement (600 grants
 * through the API would cost the crawl most of its time for nothing the grants tests do not show).
 */
export async function grantEveryEntity(platformDatabaseUrl: string, organisation: string, usccs: readonly string[], today: string): Promise<void> {
  const database = openDatabase(subgraphNamed('platform').tables, { url: platformDatabaseUrl, poolSize: 1 });
  try {
    const grantedAt = new Date().toISOString().replace('T', ' ').slice(0, 23);
    await (database.db as any).insert(authorisations).values(
      usccs.map((uscc) => ({ uscc, organisation, domains: GRANTABLE_DOMAINS, purposes: 'LOAN_APPROVAL', validUntil: addDays(today, 30), form: 'ONLINE', grantedAt })),
    );
  } finally {
    await database.close();
  }
}

export interface CrawlCaller {
  label: string;
  headers: Record<string, string>;
}

export interface CrawlReport {
  caller: string;
  result: CrawlResult;
  leaks: Leak[];
  milliseconds: number;
}

/**
 * The whole check: the truth read before and after (other suites change records meanwhile, so only
 * what is out of view in both readings counts), a crawl per caller in between, every answer checked.
 */
export async function crawlAndCheck({
  gatewayUrl,
  databaseUrls,
  schema,
  selection,
  usccs,
  callers,
}: {
  gatewayUrl: string;
  databaseUrls: Record<string, string>;
  schema: GraphQLSchema;
  selection: SelectionNode[];
  usccs: readonly string[];
  callers: readonly CrawlCaller[];
}): Promise<{ truth: Truth; reports: CrawlReport[] }> {
  const before = await computeTruth(databaseUrls, usccs);
  const crawled: { caller: CrawlCaller; result: CrawlResult; milliseconds: number }[] = [];
  for (const caller of callers) {
    const started = performance.now();
    const result = await crawl({ url: gatewayUrl, headers: caller.headers, usccs, selection });
    crawled.push({ caller, result, milliseconds: Math.round(performance.now() - started) });
  }
  const truth = stableTruth(before, await computeTruth(databaseUrls, usccs));
  const reports = crawled.map(({ caller, result, milliseconds }) => ({ caller: caller.label, result, milliseconds, leaks: checkCrawl(schema, result.pages, truth) }));
  return { truth, reports };
}
