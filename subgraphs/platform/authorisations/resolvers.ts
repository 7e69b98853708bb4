import { and, eq } from 'drizzle-orm';
import { GraphQLError } from 'graphql';
import { authorisationStatus } from '../../kit/access/authorisation-decision.ts';
import { chinaToday } from '../../kit/calendar/china-day.ts';
import type { Caller } from '../../kit/identity/caller.ts';
import type { Purpose } from '../../kit/identity/purposes.ts';
import { decodeCursor, pageSize, toConnection } from '../../kit/runtime/pagination.ts';
import { badUserInput } from '../../kit/runtime/errors.ts';
import { recordId } from '../../kit/disclosure/record-id.ts';
import type { SubgraphContext } from '../../kit/subgraph/subgraph.ts';
import { GRANTABLE_DOMAINS, PLATFORM_DOMAIN } from '../../departments.ts';
import { isoInstant, toSqlInstant } from '../db/instants.ts';
import { platformRowId } from '../db/row-id.ts';
import { authorisations, type PlatformDb } from '../db/tables.ts';
import { searchAccessLog, type AccessLogRow, type LogPosition } from './access-log.ts';
import type { AuthorisationRow } from './grants.ts';
import type { AuthorisationLoaders } from './loaders.ts';
import { CASE_FILE_FIELDS } from '../cases/case-file-fields.ts';

// Authorisations (授权) an entity grants, revokes, or government records from paper; the access log
// (查询记录) the entity reads of itself and government searches.

type Context = SubgraphContext<AuthorisationLoaders, PlatformDb>;

const ORGANISATION = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const MAX_EVIDENCE_REFERENCE = 200;

interface AuthorisationInput {
  uscc: string;
  organisation: string;
  domains: string[];
  purposes: Purpose[];
  validUntil: string;
}

function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN', reason: 'LEVEL' } });
}

/** Checks what the schema cannot: the organisation's shape, known domains, an end date not past. */
async function checkedAuthorisation(input: AuthorisationInput): Promise<AuthorisationInput> {
  const organisation = input.organisation.trim();
  if (!ORGANISATION.test(organisation)) {
    throw badUserInput(
      `organisation ${JSON.stringify(input.organisation)}: expected the institution's id as it signs in (letters, digits, '.', '_' or '-', up to 64 characters), e.g. BANK-DEMO-001`,
    );
  }
  const known = GRANTABLE_DOMAINS;
  const domains = [...new Set(input.domains.map((d) => d.trim().toUpperCase()))];
  if (domains.length === 0) throw badUserInput(`domains must name at least one of ${known.join(', ')}`);
  for (const domain of domains) {
    if (domain === PLATFORM_DOMAIN) {
      throw badUserInput(`domain PLATFORM cannot be authorised: the platform's own records (authorisations, the access log) are for the entity and government only`);
    }
    if (!known.includes(domain)) throw badUserInput(`unknown domain ${JSON.stringify(domain)}; an authorisation can cover ${known.join(', ')}`);
  }
  const purposes = [...new Set(input.purposes)];
  if (purposes.length === 0) throw badUserInput('purposes must name at least one purpose');
  const today = chinaToday();
  if (input.validUntil < today) {
    throw badUserInput(`validUntil ${input.validUntil} is in the past (today is ${today} in China Standard Time); an authorisation must run until today or later`);
  }
  return { uscc: input.uscc, organisation, domains, purposes, validUntil: input.validUntil };
}

async function insertAuthorisation(
  db: PlatformDb,
  input: AuthorisationInput,
  paper?: { evidenceReference: string; recordedBy: string },
): Promise<AuthorisationRow> {
  const [{ id }] = await db
    .insert(authorisations)
    .values({
      uscc: input.uscc,
      organisation: input.organisation,
      domains: input.domains.join(','),
      purposes: input.purposes.join(','),
      validUntil: input.validUntil,
      form: paper ? 'PAPER' : 'ONLINE',
      evidenceReference: paper?.evidenceReference ?? null,
      recordedBy: paper?.recordedBy ?? null,
      grantedAt: toSqlInstant(new Date()),
    })
    .$returningId();
  const [row] = await db.select().from(authorisations).where(eq(authorisations.id, id));
  return row;
}

function revokerOf(caller: Caller): string {
  return caller.kind === 'GOVERNMENT' ? caller.department : 'SUBJECT';
}

function logConnection(rows: AccessLogRow[], size: number) {
  return toConnection(rows, size, (row) => [row.at, row.id], (row) => row);
}

function dateTimeArg(value: Date | null | undefined): string | undefined {
  return value ? toSqlInstant(value) : undefined;
}

export const authorisationResolvers = {
  Query: {
    // The access rules have already required a government caller (INTERNAL).
    async accessLog(
      _: unknown,
      args: { uscc?: string | null; organisation?: string | null; requestId?: string | null; from?: Date | null; to?: Date | null; first?: number | null; after?: string | null },
      { db }: Context,
    ) {
      const size = pageSize(args.first);
      const from = dateTimeArg(args.from);
      const to = dateTimeArg(args.to);
      if (from && to && from >= to) throw badUserInput(`from (${args.from!.toISOString()}) must be before to (${args.to!.toISOString()})`);
      const after = args.after ? (decodeCursor(args.after, 2) as LogPosition) : undefined;
      const rows = await searchAccessLog(db, {
        uscc: args.uscc ?? undefined,
        organisation: args.organisation?.trim() || undefined,
        requestId: args.requestId ?? undefined,
        from,
        to,
        after,
        limit: size + 1,
      });
      return logConnection(rows, size);
    },
  },

  Mutation: {
    // The access rules let through the entity itself and government; granting is the entity's own act.
    async grantAuthorisation(_: unknown, { input }: { input: AuthorisationInput }, { caller, db }: Context) {
      if (caller.kind !== 'SUBJECT' || caller.uscc !== input.uscc) {
        throw forbidden(`Only entity ${input.uscc} itself can grant an authorisation over its data; government records a paper authorisation with recordPaperAuthorisation`);
      }
      return insertAuthorisation(db, await checkedAuthorisation(input));
    },

    async revokeAuthorisation(_: unknown, { uscc, id }: { uscc: string; id: string }, { caller, db }: Context) {
      const rowId = platformRowId(id, 'authorisation');
      const [row] = rowId === null ? [] : await db.select().from(authorisations).where(and(eq(authorisations.id, rowId), eq(authorisations.uscc, uscc)));
      if (!row) {
        throw new GraphQLError(`Entity ${uscc} has no authorisation ${id}`, { extensions: { code: 'NOT_FOUND' } });
      }
      if (row.revokedAt !== null) return row;
      await db
        .update(authorisations)
        .set({ revokedAt: toSqlInstant(new Date()), revokedBy: revokerOf(caller) })
        .where(eq(authorisations.id, row.id));
      const [revoked] = await db.select().from(authorisations).where(eq(authorisations.id, row.id));
      return revoked;
    },

    // INTERNAL: the access rules have already required a government caller.
    async recordPaperAuthorisation(_: unknown, { input }: { input: AuthorisationInput & { evidenceReference: string } }, { caller, db }: Context) {
      const evidenceReference = input.evidenceReference.trim();
      if (!evidenceReference || evidenceReference.length > MAX_EVIDENCE_REFERENCE) {
        throw badUserInput(`evidenceReference must name the signed document (授权书编号), 1 to ${MAX_EVIDENCE_REFERENCE} characters`);
      }
      const recordedBy = caller.kind === 'GOVERNMENT' ? caller.department : 'UNKNOWN';
      return insertAuthorisation(db, await checkedAuthorisation(input), { evidenceReference, recordedBy });
    },
  },

  Entity: {
    async authorisations({ uscc }: { uscc: string }, { status }: { status?: string | null }, { loaders }: Context) {
      const rows = await loaders.authorisationsByUscc.load(uscc);
      return status ? rows.filter((row) => authorisationStatus(row) === status) : rows;
    },
    async accessLog({ uscc }: { uscc: string }, args: { first?: number | null; after?: string | null }, { caller, loaders }: Context) {
      const size = pageSize(args.first);
      const after = args.after ? (decodeCursor(args.after, 2) as LogPosition) : undefined;
      // Who read a case file about the entity would say who filed it: government's to know, not the entity's.
      const leavingOut = caller.kind === 'GOVERNMENT' ? [] : CASE_FILE_FIELDS;
      return logConnection(await loaders.accessLogPage(size + 1, after, leavingOut).load(uscc), size);
    },
  },

  Authorisation: {
    id: (row: AuthorisationRow) => recordId('platform', 'authorisation', row.id),
    domains: (row: AuthorisationRow) => row.domains.split(','),
    purposes: (row: AuthorisationRow) => row.purposes.split(','),
    status: (row: AuthorisationRow) => authorisationStatus(row),
    grantedAt: (row: AuthorisationRow) => isoInstant(row.grantedAt),
    revokedAt: (row: AuthorisationRow) => (row.revokedAt === null ? null : isoInstant(row.revokedAt)),
  },

  AccessLogEntry: {
    id: (row: AccessLogRow) => recordId('platform', 'access-log', row.id),
    at: (row: AccessLogRow) => isoInstant(row.at),
    fields: (row: AccessLogRow) => row.fields.split(','),
  },
};
