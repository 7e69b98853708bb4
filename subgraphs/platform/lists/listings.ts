import { ENTRY_SHAPES, type ListingEntry, type ReadingOf } from './entry-shapes.ts';
import { keptListsOf, LISTING_DEPARTMENTS, type ListingDepartment, type ListingInputs } from './listing-inputs.ts';
import type { ListType } from './list-types.ts';

export { latestPublishedTaxYear, type ListingEntry } from './entry-shapes.ts';
export type { ListingInputs } from './listing-inputs.ts';

// Entity.listings: one entity's entries on red, black and warning lists, composed from the list fields
// its departments publish, which the gateway hands the platform as @requires inputs (schema.graphql).
// Pure functions of those inputs and the day: the platform stores none of the departments' records.

/** The departments whose records a listing needs but this entity's inputs lack (null: it did not answer). */
export function missingDepartments(inputs: ListingInputs): ListingDepartment[] {
  return LISTING_DEPARTMENTS.filter((department) => inputs[department] === null || inputs[department] === undefined);
}

/** The day an entry took effect, for ordering: its listing day, or for a per-year list the year after the one evaluated. */
function sinceOf(entry: ListingEntry): string {
  return entry.listedOn ?? (entry.year === null ? '' : `${entry.year + 1}-04-30`);
}

/**
 * Every entry the departments that answered publish for the entity, current entries first, newest
 * first. A department missing from the inputs contributes nothing: callers check missingDepartments
 * first and must not present the result as complete.
 */
export function listingsOf(inputs: ListingInputs, today: string): ListingEntry[] {
  const entries = LISTING_DEPARTMENTS.flatMap((name) => {
    const records = inputs[name] as Record<string, unknown[]> | null | undefined;
    if (!records) return [];
    return keptListsOf(name).flatMap(({ department, kept }) =>
      (ENTRY_SHAPES[kept.shape].read as (entries: readonly unknown[], reading: ReadingOf) => ListingEntry[])(records[kept.field] ?? [], {
        department: department.domain,
        listType: kept.listType as ListType | undefined,
        today,
      }),
    );
  });
  return entries.sort((a, b) => Number(b.current) - Number(a.current) || sinceOf(b).localeCompare(sinceOf(a)) || a.listType.localeCompare(b.listType));
}
