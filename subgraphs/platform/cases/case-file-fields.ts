import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { alsoToFilerFieldsIn } from '../../kit/access/case-filer.ts';

/**
 * The fields of the platform's case files (`@alsoToFiler` in its schema.graphql: an objection's
 * reason, filer, the reply, the resubmissions…), as the access log names them. That someone read
 * them is itself part of the case file: only the filer and government could, so a row saying that
 * BANK-X read Objection.reason of an entity would tell the entity who objected. The entity's own
 * view of its access log leaves them out (government's shows them); read once from the SDL, where
 * the rule is declared, so the two cannot drift.
 */
export const CASE_FILE_FIELDS: readonly string[] = [...alsoToFilerFieldsIn(parse(readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8')))].sort();
