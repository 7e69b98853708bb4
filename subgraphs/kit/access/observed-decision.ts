import { countAccessDecision } from '../runtime/metrics.ts';
import { inSpan } from '../runtime/tracing.ts';
import type { RequestAccess } from './request-access.ts';

/**
 * One access decision, counted in `credit_access_decisions_total` by level and reason (ALLOWED, or the
 * FORBIDDEN reason, or the error's code) and traced as a span of its own.
 */
export async function observedDecision(level: string, { access }: { access: RequestAccess }, decide: () => Promise<true | Error>): Promise<true | Error> {
  const decision = await inSpan('access decision', { 'credit.access.level': level, 'credit.department': access.domain }, decide);
  const extensions = decision === true ? undefined : (decision as { extensions?: { reason?: unknown; code?: unknown } }).extensions;
  const reason = decision === true ? 'ALLOWED' : String(extensions?.reason ?? extensions?.code ?? 'WITHHELD');
  countAccessDecision(access.domain, level, reason);
  return decision;
}
