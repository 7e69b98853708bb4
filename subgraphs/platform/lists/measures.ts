import { regionNames } from '../../kit/identifiers/regions.ts';
import type { jointMeasures, listTypes } from '../db/tables.ts';
import { ELIGIBILITY_CONTEXTS, LIST_TYPES, type EligibilityContext, type ListType } from './list-types.ts';
import type { ListingEntry } from './listings.ts';

// Joint rewards and punishments (联合奖惩): which measures of the catalogue a listing triggers, and where.

type ListTypeRow = typeof listTypes.$inferSelect;
type MeasureRow = typeof jointMeasures.$inferSelect;

export interface ListTypeInfo extends Omit<ListTypeRow, 'code'> {
  code: ListType;
}

export interface JointMeasure extends Omit<MeasureRow, 'triggerListTypes' | 'contexts'> {
  triggers: ListType[];
  contexts: EligibilityContext[];
}

/** A listing with what the catalogue says of its list: name, colour, basis. */
export interface CreditListing extends ListingEntry {
  listName: string;
  colour: ListTypeRow['colour'];
  basis: string;
}

/** A measure in force for an entity because of one of its current listings. */
export interface MeasureInForce {
  measure: JointMeasure;
  listing: CreditListing;
  basis: string;
}

export interface Catalogue {
  listTypes: Map<ListType, ListTypeInfo>;
  measures: JointMeasure[];
}

const KNOWN_LIST_TYPES = new Set<string>(LIST_TYPES);
const KNOWN_CONTEXTS = new Set<string>(ELIGIBILITY_CONTEXTS);

function splitKnown<T extends string>(value: string, known: Set<string>): T[] {
  // A code this version does not know (a row written by a newer one) is left out, not passed on.
  return value.split(',').map((v) => v.trim()).filter((v): v is T => known.has(v));
}

const BY_SCOPE = { NATIONAL: 0, LOCAL: 1 };
const BY_KIND = { PUNISHMENT: 0, REWARD: 1 };

/** The catalogue as the database holds it: national measures first, punishments before rewards. */
export function catalogueOf(listTypeRows: readonly ListTypeRow[], measureRows: readonly MeasureRow[]): Catalogue {
  const listTypes = new Map<ListType, ListTypeInfo>();
  for (const row of listTypeRows) if (KNOWN_LIST_TYPES.has(row.code)) listTypes.set(row.code as ListType, row as ListTypeInfo);
  const measures = measureRows
    .map(({ triggerListTypes, contexts, ...row }) => ({
      ...row,
      triggers: splitKnown<ListType>(triggerListTypes, KNOWN_LIST_TYPES),
      contexts: splitKnown<EligibilityContext>(contexts, KNOWN_CONTEXTS),
    }))
    .sort((a, b) => BY_SCOPE[a.scope] - BY_SCOPE[b.scope] || BY_KIND[a.kind] - BY_KIND[b.kind] || a.code.localeCompare(b.code));
  return { listTypes, measures };
}

/** Whether a measure applies to an entity registered in this division: national ones everywhere, local ones in their region. */
export function appliesIn(measure: Pick<JointMeasure, 'scope' | 'region'>, divisionCode: string): boolean {
  return measure.scope === 'NATIONAL' || (measure.region !== null && divisionCode.startsWith(measure.region));
}

/** The name of a measure's region (21 → 辽宁省, 2106 → 丹东市). */
export function regionNameOf(region: string | null): string | null {
  if (region === null) return null;
  const { province, city, county } = regionNames(region.padEnd(6, '0'));
  return region.length > 4 ? county : region.length > 2 ? city : province;
}

/** The division code inside a unified social credit code (characters 3–8). */
export function divisionOf(uscc: string): string {
  return uscc.slice(2, 8);
}

/** A listing dressed with its list's catalogue entry; a list type missing from the catalogue is a configuration error. */
export function withListType(entry: ListingEntry, catalogue: Catalogue): CreditListing {
  const info = catalogue.listTypes.get(entry.listType);
  if (!info) throw new Error(`list type ${entry.listType} is missing from the platform's catalogue (list_types)`);
  return { ...entry, listName: info.name, colour: info.colour, basis: info.basis };
}

/**
 * The measures in force: for every current listing, every measure it triggers that applies in the
 * entity's region. Removed entries trigger nothing ("退出机制": history is not a listing).
 */
export function measuresInForce(listings: readonly CreditListing[], catalogue: Catalogue, divisionCode: string): MeasureInForce[] {
  const applicable = catalogue.measures.filter((m) => appliesIn(m, divisionCode));
  return listings
    .filter((listing) => listing.current)
    .flatMap((listing) => applicable.filter((m) => m.triggers.includes(listing.listType)).map((measure) => ({ measure, listing, basis: measure.basis })))
    .sort((a, b) => catalogue.measures.indexOf(a.measure) - catalogue.measures.indexOf(b.measure));
}
