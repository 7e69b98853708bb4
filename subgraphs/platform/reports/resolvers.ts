import { eq } from 'drizzle-orm';
import { GraphQLError } from 'graphql';
import { describeCaller, type Caller } from '../../kit/identity/caller.ts';
import type { SubgraphContext } from '../../kit/subgraph/subgraph.ts';
import { insertReleases } from '../authorisations/access-log.ts';
import { isoInstant } from '../db/instants.ts';
import type { PlatformDb } from '../db/tables.ts';
import type { PlatformLoaders } from '../loaders.ts';
import type { ReportDocument } from './document.ts';
import { issueCreditReport, type CreditReportInput } from './issue.ts';
import { reportSigningKey } from './signing.ts';
import { creditReports, type CreditReportRow } from './table.ts';

type Context = SubgraphContext<PlatformLoaders, PlatformDb>;

const REPORT_NUMBER = /^XYBG-\d{8}-[0-9A-Z]{8}$/;

async function reportByNumber(db: PlatformDb, number: string): Promise<CreditReportRow | undefined> {
  if (!REPORT_NUMBER.test(number)) return undefined;
  const [row] = await db.select().from(creditReports).where(eq(creditReports.number, number));
  return row;
}

/** The recipient, the entity itself and government may read a report; its number alone opens only the verification facts. */
export function mayReadReport(caller: Caller, row: Pick<CreditReportRow, 'uscc' | 'recipientKind' | 'recipient'>): boolean {
  switch (caller.kind) {
    case 'GOVERNMENT':
      return true;
    case 'SUBJECT':
      return caller.uscc === row.uscc;
    case 'INSTITUTION':
      return row.recipientKind === 'INSTITUTION' && row.recipient === caller.organisation;
    default:
      return false;
  }
}

/** How a report names its recipient to anyone verifying it. */
function recipientOf(row: CreditReportRow): string {
  return row.recipientKind === 'SUBJECT' ? 'the entity itself' : row.recipient;
}

const documentOf = (row: CreditReportRow): ReportDocument => JSON.parse(row.document) as ReportDocument;

/**
 * A report read again later is the signed snapshot, but the records it names follow their visibility
 * then, as everywhere (schema: @references on CreditReportRecord.recordId and CreditReport.document).
 * The signature covers the whole canonical document, so the platform can neither serve it with a record
 * now out of the reader's view nor cut that record out (the copy would no longer verify): a record out
 * of view drops out of the sections, and the document is withheld whole while it names one. The digest
 * stays: it tells nothing of the records, and a holder's copy is checked against it.
 */
function withNamedRecords(row: CreditReportRow): CreditReportRow & { namedRecordIds: string[] } {
  return { ...row, namedRecordIds: documentOf(row).sections.flatMap((s) => s.records.map((r) => r.recordId)) };
}

export const creditReportResolvers = {
  Query: {
    async creditReport(_: unknown, { number }: { number: string }, { caller, db, callerToken }: Context) {
      const row = await reportByNumber(db, number);
      if (!row) throw new GraphQLError(`No credit report ${number}`, { extensions: { code: 'NOT_FOUND' } });
      if (!mayReadReport(caller, row) || !callerToken) {
        throw new GraphQLError(
          `Credit report ${number} is for its recipient, the entity itself and government only; you are ${describeCaller(caller)}. Anyone may check it with verifyCreditReport(number, digest).`,
          { extensions: { code: 'FORBIDDEN', reason: 'LEVEL', level: 'AUTHORISED' } },
        );
      }
      // Logged before it leaves, like every release above PUBLIC.
      await insertReleases(db, { caller, requestId: callerToken.requestId, domain: 'PLATFORM', releases: [{ uscc: row.uscc, fields: ['CreditReport.document'] }] });
      return withNamedRecords(row);
    },

    async verifyCreditReport(_: unknown, { number, digest }: { number: string; digest: string }, { db }: Context) {
      const row = await reportByNumber(db, number.trim());
      if (!row) return { number, found: false, valid: false };
      return {
        number: row.number,
        found: true,
        valid: digest.trim().toLowerCase() === row.digest,
        kind: row.kind,
        issuedAt: isoInstant(row.issuedAt),
        recipient: recipientOf(row),
        recipientKind: row.recipientKind,
        purpose: row.purpose,
      };
    },

    creditReportSigningKey() {
      const { publicKey } = reportSigningKey();
      return {
        algorithm: 'Ed25519',
        publicKeyJwk: JSON.stringify(publicKey.export({ format: 'jwk' })),
        publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
      };
    },
  },

  Mutation: {
    issueCreditReport: async (_: unknown, { input }: { input: CreditReportInput }, context: Context) => withNamedRecords(await issueCreditReport(input, context)),
  },

  CreditReport: {
    issuedAt: (row: CreditReportRow) => isoInstant(row.issuedAt),
    recipient: recipientOf,
    title: (row: CreditReportRow) => documentOf(row).title,
    subjectName: (row: CreditReportRow) => documentOf(row).subject.name,
    summary: (row: CreditReportRow) => documentOf(row).summary,
    // Each record carries the entity it is about: its department is asked about it for that entity.
    sections: (row: CreditReportRow) => documentOf(row).sections.map((s) => ({ ...s, records: s.records.map((r) => ({ ...r, uscc: row.uscc })) })),
  },
};
