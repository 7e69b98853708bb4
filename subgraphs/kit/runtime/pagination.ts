import { badUserInput } from './errors.ts';

/** @default 20 */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/**
 * Opaque cursors for keyset paging: the position is the sort key of the last row, so a page never
 * skips or repeats rows when others are inserted meanwhile, and no OFFSET scan grows with the page.
 */
export function encodeCursor(position: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, arity: number): (string | number)[] {
  try {
    const position = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(position) && position.length === arity && position.every((p) => ['string', 'number'].includes(typeof p))) {
      return position;
    }
  } catch {
    // fall through to the error below
  }
  throw badUserInput(`Cursor ${JSON.stringify(cursor)} is not one this server issued; pass a cursor from a previous page`);
}

export function pageSize(first: number | null | undefined): number {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw badUserInput(`first must be between 1 and ${MAX_PAGE_SIZE}, got ${size}`);
  }
  return size;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** Builds a connection from `size + 1` fetched rows: the extra row only says whether a next page exists. */
export function toConnection<R, T>(rows: readonly R[], size: number, positionOf: (row: R) => (string | number)[], nodeOf: (row: R) => T): Connection<T> {
  const page = rows.slice(0, size);
  const edges = page.map((row) => ({ cursor: encodeCursor(positionOf(row)), node: nodeOf(row) }));
  return {
    edges,
    nodes: edges.map((e) => e.node),
    pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null },
  };
}
