import type { MySql2Database } from 'drizzle-orm/mysql2';
import { jointMeasures, listTypes } from '../db/tables.ts';
import { catalogueOf, type Catalogue } from './measures.ts';

/**
 * The catalogue of list types and joint measures, read once per request (two statements, however many
 * entities the request covers) and shared by every listing, measure and eligibility in it. Per request,
 * not per process, so an edit to the catalogue in the database holds from the next request.
 */
export function createCatalogueLoader(db: MySql2Database<any>): () => Promise<Catalogue> {
  let pending: Promise<Catalogue> | undefined;
  return () =>
    (pending ??= Promise.all([db.select().from(listTypes), db.select().from(jointMeasures)]).then(([types, measures]) => catalogueOf(types, measures)));
}

/** What the lists read per request: the catalogue, once. */
export interface ListLoaders {
  catalogue: () => Promise<Catalogue>;
}
