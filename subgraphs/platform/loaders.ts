import type { PlatformDb } from './db/tables.ts';
import { createAuthorisationLoaders } from './authorisations/loaders.ts';
import { createCaseLoaders } from './cases/loaders.ts';
import { createCatalogueLoader } from './lists/catalogue-loader.ts';
import { createEvaluationLoaders } from './evaluation/loaders.ts';
import { createCommitmentLoaders } from './commitments/loaders.ts';

/** One DataLoader per lookup path, made per request: a cache shared across callers would be a leak. */
export function createPlatformLoaders(db: PlatformDb) {
  return {
    /** The list types and joint measures (lists/catalogue-loader.ts): read once per request. */
    catalogue: createCatalogueLoader(db),
    /** Credit-repair applications and objections, per entity and per record (cases/loaders.ts). */
    ...createCaseLoaders(db),
    /** Authorisations and access-log pages, per entity (authorisations/loaders.ts). */
    ...createAuthorisationLoaders(db),
    /** The evaluation scheme, once per request, and the latest results, one write per request (evaluation/loaders.ts). */
    ...createEvaluationLoaders(db),
    /** Credit commitments per entity, one statement per request; the broken ones feed listings and the evaluation (commitments/loaders.ts). */
    ...createCommitmentLoaders(db),
  };
}

export type PlatformLoaders = ReturnType<typeof createPlatformLoaders>;
