import { GraphQLError } from 'graphql';
import { chinaToday } from '../../kit/calendar/china-day.ts';
import { badUserInput } from '../../kit/runtime/errors.ts';
import type { SubgraphContext } from '../../kit/subgraph/subgraph.ts';
import { decideEligibility } from './eligibility.ts';
import type { EligibilityContext, ListType } from './list-types.ts';
import { LISTING_DEPARTMENTS, type ListingDepartment } from './listing-inputs.ts';
import { listingsOf, missingDepartments, type ListingInputs } from './listings.ts';
import type { PlatformDb } from '../db/tables.ts';
import type { ListLoaders } from './catalogue-loader.ts';
import { commitmentListings, WITHDRAWN_BY_BROKEN_COMMITMENT } from '../commitments/listing.ts';
import type { CreditCommitmentRow } from '../commitments/table.ts';
import { appliesIn, divisionOf, measuresInForce, regionNameOf, withListType, type Catalogue, type CreditListing, type JointMeasure } from './measures.ts';

type Context = SubgraphContext<ListLoaders & { commitmentsByUscc?: { load(uscc: string): Promise<CreditCommitmentRow[]> } }, PlatformDb>;

const REGION_PREFIX = /^\d{2,6}$/;

/**
 * Why a listing or measure answer is withheld: a department's records are missing from this response
 * (it is down, or answered its field with an error). A partial list would read as "not listed".
 */
function departmentsMissing(field: string, uscc: string, departments: readonly string[]): GraphQLError {
  const names = departments.join(', ');
  return new GraphQLError(
    `Entity.${field} of entity ${uscc} is withheld: it needs the ${names} department${departments.length > 1 ? 's’' : '’s'} records, which are missing from this response, and an incomplete answer would read as "not listed". Try again shortly.`,
    { extensions: { code: 'DEPARTMENT_UNAVAILABLE', department: departments[0], departments: [...departments] } },
  );
}

/**
 * The inputs a field needs, or the error in their place: none at all is a request that did not come
 * from the gateway (which always sends them); a department's null is that department missing.
 */
function checkedInputs(field: string, entity: ListingInputs, { partial }: { partial: boolean }): ListingDepartment[] {
  if (LISTING_DEPARTMENTS.every((department) => entity[department] === undefined)) {
    throw new GraphQLError(
      `Entity.${field} is composed from the departments' list fields, which the gateway supplies with the request (@requires); ask it through the gateway.`,
      { extensions: { code: 'BAD_REQUEST' } },
    );
  }
  const missing = missingDepartments(entity);
  if (missing.length > 0 && !partial) throw departmentsMissing(field, entity.uscc, missing);
  return missing;
}

/** The departments' entries and the platform's own (broken commitments, commitments/), dressed from the catalogue. */
async function listingsWithCatalogue(entity: ListingInputs, loaders: Context['loaders']): Promise<{ listings: CreditListing[]; catalogue: Catalogue }> {
  const [catalogue, commitments] = await Promise.all([loaders.catalogue(), loaders.commitmentsByUscc?.load(entity.uscc) ?? Promise.resolve([])]);
  const entries = [...listingsOf(entity, chinaToday()), ...commitmentListings(commitments)];
  return { listings: entries.map((entry) => withListType(entry, catalogue)), catalogue };
}

/** The catalogue's root fields (jointMeasureCatalogue, listTypes). */
const listQueryResolvers = {
  async jointMeasureCatalogue(
    _: unknown,
    args: { kind?: string | null; context?: EligibilityContext | null; listType?: ListType | null; region?: string | null },
    { loaders }: Context,
  ): Promise<JointMeasure[]> {
    if (args.region != null && !REGION_PREFIX.test(args.region)) {
      throw badUserInput(`region ${JSON.stringify(args.region)}: expected a GB/T 2260 code or prefix of 2 to 6 digits, e.g. 21 or 210603`);
    }
    const { measures } = await loaders.catalogue();
    return measures.filter(
      (m) =>
        (!args.kind || m.kind === args.kind) &&
        (!args.context || m.contexts.includes(args.context)) &&
        (!args.listType || m.triggers.includes(args.listType)) &&
        (args.region == null || appliesIn(m, args.region)),
    );
  },

  async listTypes(_: unknown, __: unknown, { loaders }: Context) {
    return [...(await loaders.catalogue()).listTypes.values()];
  },
};

/** Entity.listings, Entity.jointMeasures, Entity.eligibility, from the @requires inputs. */
const listEntityResolvers = {
  async listings(entity: ListingInputs, args: { current?: boolean | null; colour?: string | null }, { loaders }: Context) {
    checkedInputs('listings', entity, { partial: false });
    const { listings } = await listingsWithCatalogue(entity, loaders);
    return listings.filter((l) => (args.current == null || l.current === args.current) && (!args.colour || l.colour === args.colour));
  },

  async jointMeasures(entity: ListingInputs, args: { kind?: string | null }, { loaders }: Context) {
    checkedInputs('jointMeasures', entity, { partial: false });
    const { listings, catalogue } = await listingsWithCatalogue(entity, loaders);
    return measuresInForce(listings, catalogue, divisionOf(entity.uscc)).filter((m) => !args.kind || m.measure.kind === args.kind);
  },

  // AUTHORISED: the access rules have let through government and the entity itself, and logged the release.
  async eligibility(entity: ListingInputs, { context }: { context: EligibilityContext }, { loaders }: Context) {
    const missing = checkedInputs('eligibility', entity, { partial: true });
    const { listings, catalogue } = await listingsWithCatalogue(entity, loaders);
    const decided = decideEligibility(context, measuresInForce(listings, catalogue, divisionOf(entity.uscc)), missing, chinaToday());
    // A broken commitment withdraws the facilitation granted on the strength of a promise (容缺受理).
    const broken = listings.some((l) => l.listType === 'BROKEN_COMMITMENT' && l.current);
    return broken ? { ...decided, rewards: decided.rewards.filter((r) => !WITHDRAWN_BY_BROKEN_COMMITMENT.includes(r.measure.code)) } : decided;
  },
};

/** The lists' part of the platform's resolvers. */
export const listResolvers = {
  Query: listQueryResolvers,
  Entity: listEntityResolvers,
  JointMeasure: {
    regionName: (measure: JointMeasure) => regionNameOf(measure.region),
  },
};
