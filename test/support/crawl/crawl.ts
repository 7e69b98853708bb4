import { halve, printSelection, type SelectionNode } from './selection.ts';

/**
 * Crawls entities through the gateway, a page of entities per request (`entities(usccs:)` takes up
 * to 100), every field of the selection. The gateway's operation limits (tokens, depth, cost, size)
 * are respected by splitting: an operation the gateway refuses as too large is halved and both
 * halves asked instead, and the split found for the first page is reused for the rest.
 */

export interface CrawledPage {
  usccs: string[];
  /** The parsed answer: `data.entities[i]` is the entity `usccs[i]` (or null). */
  body: { data?: { entities: (Record<string, unknown> | null)[] } | null; errors?: CrawlError[] };
  /** The answer as it left the gateway, byte for byte: what the checks search as text. */
  text: string;
}

export interface CrawlError {
  message: string;
  path?: (string | number)[];
  extensions?: Record<string, unknown>;
}

export interface CrawlOptions {
  url: string;
  headers: Record<string, string>;
  usccs: readonly string[];
  selection: SelectionNode[];
  /** Entities per request (`entities` takes up to 100; each department must answer within the gateway's timeout). @default 50 */
  pageSize?: number;
  /** Requests in flight at once: the machine is shared. @default 2 */
  concurrency?: number;
}

/** Refusals that say the operation, not the caller, is too big: split and ask again. */
const TOO_LARGE = new Set(['OPERATION_TOO_COMPLEX', 'RESPONSE_TOO_LARGE']);
/**
 * A department the gateway could not reach in time (gateway/department-unavailable.ts): its fields
 * are null, which would pass every check. Not a department's own answer that it cannot tell something
 * (DEPARTMENT_UNAVAILABLE from a resolver): that is the answer, and is checked like any other.
 */
const unanswered = (e: CrawlError) => e.extensions?.code === 'DEPARTMENT_UNAVAILABLE' && e.message.endsWith('its records are missing from this response.');
const ATTEMPTS = 3;

async function ask(url: string, headers: Record<string, string>, usccs: string[], selection: SelectionNode[]): Promise<CrawledPage | 'TOO_LARGE'> {
  for (let attempt = 1; ; attempt++) {
    const answer = await askOnce(url, headers, usccs, selection);
    if (answer === 'TOO_LARGE' || !answer.body.errors?.some(unanswered)) return answer;
    // The machine is shared: a department past the gateway's timeout is asked again, never taken as an answer.
    if (attempt === ATTEMPTS) throw new Error(`a department did not answer the crawl ${ATTEMPTS} times: ${answer.body.errors.find(unanswered)!.message}`);
  }
}

async function askOnce(url: string, headers: Record<string, string>, usccs: string[], selection: SelectionNode[]): Promise<CrawledPage | 'TOO_LARGE'> {
  const query = `query Crawl($usccs: [USCC!]!) { entities(usccs: $usccs) { uscc ${printSelection(selection)} } }`;
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables: { usccs } }),
  });
  const text = await response.text();
  const body = JSON.parse(text) as CrawledPage['body'];
  if (body.errors?.some((e) => TOO_LARGE.has(String(e.extensions?.code)))) return 'TOO_LARGE';
  if (!body.data?.entities) throw new Error(`the crawl's request was refused (HTTP ${response.status}): ${text.slice(0, 500)}`);
  return { usccs, body, text };
}

export interface CrawlResult {
  pages: CrawledPage[];
  /** How many operations each page of entities took (the selection split to fit the limits). */
  operationsPerPage: number;
  requests: number;
}

export async function crawl({ url, headers, usccs, selection, pageSize = 50, concurrency = 2 }: CrawlOptions): Promise<CrawlResult> {
  const pages: string[][] = [];
  for (let i = 0; i < usccs.length; i += pageSize) pages.push(usccs.slice(i, i + pageSize));
  let requests = 0;

  // The split that fits, found on the first page and reused; a page whose answer is larger is split further.
  const fitting: SelectionNode[][] = [];
  const results: CrawledPage[] = [];
  const fit = async (page: string[], part: SelectionNode[], learn: boolean): Promise<void> => {
    requests += 1;
    const answer = await ask(url, headers, page, part);
    if (answer !== 'TOO_LARGE') {
      if (learn) fitting.push(part);
      results.push(answer);
      return;
    }
    const halves = halve(part);
    if (!halves) throw new Error(`the gateway refuses even a one-field crawl operation: ${printSelection(part)}`);
    await fit(page, halves[0], learn);
    await fit(page, halves[1], learn);
  };
  if (pages.length) await fit(pages[0], selection, true);

  const work = pages.slice(1).flatMap((page) => fitting.map((part) => ({ page, part })));
  let next = 0;
  const worker = async () => {
    while (next < work.length) {
      const { page, part } = work[next++];
      await fit(page, part, false);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { pages: results, operationsPerPage: fitting.length, requests };
}
