import { readFileSync } from 'node:fs';
import { Kind, parse, visit, type DocumentNode } from 'graphql';
import { LRUCache } from 'lru-cache';
import { acrossDepartmentFieldsIn } from '../subgraphs/kit/disclosure/references.ts';

/** What a platform fetch needs signed beside the caller header (gateway/caller-header.ts). */
export interface PlatformFetchNeeds {
  /** A mutation, or a query selecting a field the platform answers by asking the departments as the caller. */
  asksDepartments: boolean;
  /** It runs queries in the departments as the caller (a credit report): they must be able to ask the platform back. */
  gathersAsCaller: boolean;
}

/**
 * Fields the platform answers by asking a department as the caller: every field it declares
 * `@references(acrossDepartments: true)` (kit/disclosure/record-views.ts asks whether the record is in
 * view), and an objection's resubmissions (platform/cases/objection-resubmissions.ts), which no
 * directive marks. Coordinates; a fetch is matched by field name, since a fetch text carries no types.
 */
export function departmentFieldsOf(platformSdl: DocumentNode): Set<string> {
  return new Set([...acrossDepartmentFieldsIn(platformSdl), 'Objection.resubmissions']);
}

/** The platform's mutations that gather from the departments as the caller (platform/reports/gather.ts). */
const GATHERING_MUTATIONS = new Set(['issueCreditReport']);

/** Fetch texts repeat (the planner's are the same for the same operation): each is parsed once. */
const CACHED_TEXTS = 500;

/**
 * Decides from the parsed operation, so an alias, an argument's string or a comment naming a field
 * does not count, a field reached through a fragment does, and a new `@references(acrossDepartments:
 * true)` field is covered without a word here. A text that does not parse asks for nothing: the platform
 * refuses it anyway.
 */
export function createPlatformFetchNeeds(departmentFields: ReadonlySet<string>): (operation: string) => PlatformFetchNeeds {
  const names = new Set([...departmentFields].map((coordinate) => coordinate.slice(coordinate.indexOf('.') + 1)));
  const cache = new LRUCache<string, PlatformFetchNeeds>({ max: CACHED_TEXTS });
  const decide = (text: string): PlatformFetchNeeds => {
    let document: DocumentNode;
    try {
      document = parse(text, { noLocation: true });
    } catch {
      return { asksDepartments: false, gathersAsCaller: false };
    }
    let mutation = false;
    let gathers = false;
    let asks = false;
    for (const definition of document.definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION || definition.operation !== 'mutation') continue;
      mutation = true;
      for (const selection of definition.selectionSet.selections) if (selection.kind === Kind.FIELD && GATHERING_MUTATIONS.has(selection.name.value)) gathers = true;
    }
    visit(document, {
      Field(node) {
        if (names.has(node.name.value)) asks = true;
      },
    });
    return { asksDepartments: mutation || asks, gathersAsCaller: gathers };
  };
  return (operation) => {
    let needs = cache.get(operation);
    if (!needs) {
      needs = decide(operation);
      cache.set(operation, needs);
    }
    return needs;
  };
}

const PLATFORM_SCHEMA = new URL('../subgraphs/platform/schema.graphql', import.meta.url);

/** The decision for this gateway's platform, from its committed SDL. */
export const platformFetchNeeds = createPlatformFetchNeeds(departmentFieldsOf(parse(readFileSync(PLATFORM_SCHEMA, 'utf8'))));
