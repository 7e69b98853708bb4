import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import QRCode from 'qrcode';
import type { Caller } from '../../subgraphs/kit/identity/caller.ts';
import { REQUEST_ID_HEADER, sendJson, type Route } from '../../subgraphs/kit/runtime/http-server.ts';
import type { GatewayContext } from '../context.ts';
import { renderReportPage, renderVerificationPage, type ReportView, type VerificationView } from './render.ts';

/** Where a report is shown: GET /reports/<number> (and /reports/public-key for offline verification). */
export const REPORTS_PATH = '/reports/';

const REPORT = /* GraphQL */ `
  query ReportPage($number: String!) {
    creditReport(number: $number) {
      number kind title uscc subjectName issuedAt recipientKind recipient purpose periodFrom periodTo digest signature
      summary { licences penaltiesInForce listEntries objectionsOpen }
      sections { domain department coverage withheld records { category recordId reference description authority date endedOn inForce disputed amount } }
    }
  }
`;
const VERIFY = `query ReportVerification($number: String!, $digest: String!) { verifyCreditReport(number: $number, digest: $digest) { number found valid kind issuedAt recipient purpose } }`;
const PUBLIC_KEY = `{ creditReportSigningKey { algorithm publicKeyJwk publicKeyPem } }`;

export interface ReportPageOptions {
  apollo: ApolloServer<GatewayContext>;
  /** The caller from the request's bearer token, as for /graphql; throws (401) on a bad token. */
  authenticate(req: IncomingMessage): Promise<Caller>;
  /** The caller's report-page budget (gateway/rate-limit.ts): false when it has answered 429 itself. */
  admit?(caller: Caller, req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  /** The GraphQL context for this caller and request, as /graphql makes it. */
  contextFor(caller: Caller, requestId: string): GatewayContext;
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(html), 'cache-control': 'no-store' });
  res.end(html);
}

async function run<T>(options: ReportPageOptions, context: GatewayContext, query: string, variables: Record<string, unknown>) {
  const response = await options.apollo.executeOperation<T>({ query, variables }, { contextValue: context });
  if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
  return response.body.singleResult;
}

/**
 * The printable report page on the gateway's host. The caller authenticates exactly as for /graphql
 * (bearer token), and the page is built from the platform's own GraphQL answer for that caller, so the
 * platform alone decides who reads a report: its recipient, the entity and government. Anyone else,
 * with the number alone, gets the verification facts (HTTP 403), never the content.
 */
export function reportPageRoutes(options: ReportPageOptions): Record<string, Route> {
  return {
    [`${REPORTS_PATH}*`]: async (req, res, url) => {
      const requestId = String(res.getHeader(REQUEST_ID_HEADER) ?? '');
      const number = decodeURIComponent(url.pathname.slice(REPORTS_PATH.length));
      let caller: Caller;
      try {
        caller = await options.authenticate(req);
      } catch (error) {
        return sendJson(res, 401, { errors: [{ message: (error as Error).message, extensions: { code: 'UNAUTHENTICATED' } }] });
      }
      if (options.admit && !(await options.admit(caller, req, res))) return;
      const context = options.contextFor(caller, requestId);
      if (number === 'public-key') {
        const { data } = await run<{ creditReportSigningKey: unknown }>(options, context, PUBLIC_KEY, {});
        return sendJson(res, data?.creditReportSigningKey ? 200 : 503, data?.creditReportSigningKey ?? { error: 'the platform is unavailable' });
      }
      const report = await run<{ creditReport: ReportView | null }>(options, context, REPORT, { number });
      if (report.data?.creditReport) {
        const r = report.data.creditReport;
        const verifyUrl = `${url.protocol === 'https:' ? 'https' : 'http'}://${req.headers.host ?? 'localhost'}${REPORTS_PATH}${encodeURIComponent(r.number)}?digest=${r.digest}`;
        const qrSvg = await QRCode.toString(verifyUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
        return sendHtml(res, 200, renderReportPage(r, { verifyUrl, qrSvg }));
      }
      const error = report.errors?.[0];
      const code = error?.extensions?.code;
      if (code !== 'FORBIDDEN' && code !== 'NOT_FOUND') {
        return sendHtml(res, 503, `<!doctype html><meta charset="utf-8"><p>报告暂时无法显示，请稍后再试。${error ? `（${error.message}）` : ''}</p>`);
      }
      const digest = url.searchParams.get('digest') ?? '';
      const verification = await run<{ verifyCreditReport: VerificationView }>(options, context, VERIFY, { number, digest });
      const facts = verification.data?.verifyCreditReport ?? { number, found: false, valid: false, kind: null, issuedAt: null, recipient: null, purpose: null };
      const refusal = code === 'FORBIDDEN' ? '本报告仅向报告接收方、信用主体本人及政府部门提供；以下为可公开的核验信息。' : null;
      return sendHtml(res, code === 'FORBIDDEN' ? 403 : 404, renderVerificationPage(facts, { digestGiven: digest !== '', refusal }));
    },
  };
}
