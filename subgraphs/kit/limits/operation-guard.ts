import type { IncomingMessage } from 'node:http';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { GraphQLError, parse, validate, type DocumentNode, type GraphQLSchema, type ValidationRule } from 'graphql';
import type { CallerKind } from '../identity/caller.ts';
import { operationCost, rootFieldCount } from './list-cost.ts';
import type { LimitName, LimitsByCallerKind, OperationLimits } from './operation-limits.ts';

/** What a request asks to run, from a POST body or a GET query string. */
export interface OperationRequest {
  query: string;
  variables: unknown;
}

const LABELS: Record<LimitName, string> = {
  tokens: 'token count',
  depth: 'depth',
  aliases: 'number of aliases',
  directives: 'number of directives',
  rootFields: 'number of root fields',
  cost: 'cost',
};

/** The refusal a client sees: HTTP 400, `OPERATION_TOO_COMPLEX`, the limit by name, its value and what was found. */
export function operationTooComplex(limit: LimitName, max: number, found: number | string, kind: CallerKind): GraphQLError {
  return new GraphQLError(
    `Operation refused: its ${LABELS[limit]} (${found}) is over the limit of ${max} for ${kind.toLowerCase()} callers. Split it into smaller requests (README, Limits).`,
    { extensions: { code: 'OPERATION_TOO_COMPLEX', limit, max, found, http: { status: 400 } } },
  );
}

/** The operation a request carries, or undefined when it carries none (Apollo then says what is missing). */
export function operationOf(req: IncomingMessage, body: unknown): OperationRequest | undefined {
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const { query, variables } = body as { query?: unknown; variables?: unknown };
    return typeof query === 'string' ? { query, variables } : undefined;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') return undefined;
  const params = new URL(req.url ?? '/', 'http://localhost').searchParams;
  const query = params.get('query');
  if (query === null) return undefined;
  let variables: unknown;
  try {
    variables = JSON.parse(params.get('variables') ?? 'null');
  } catch {
    variables = undefined;
  }
  return { query, variables };
}

const FOUND = /found (\d+)/;

/** graphql-armor's depth, alias and directive rules with this caller's limits, reporting to `refuse`. */
function armorRules(limits: OperationLimits, refuse: (limit: LimitName, found: number | string) => void): ValidationRule[] {
  const found = (limit: LimitName, message: string) => {
    const n = FOUND.exec(message)?.[1];
    return n ? Number(n) : `more than ${limits[limit]}`;
  };
  const onReject = (limit: LimitName) => [(_: unknown, error: GraphQLError) => refuse(limit, found(limit, error.message))];
  const common = { propagateOnRejection: false, exposeLimits: true };
  return [
    maxDepthRule({ ...common, n: limits.depth, onReject: onReject('depth') }),
    maxAliasesRule({ ...common, n: limits.aliases, onReject: onReject('aliases') }),
    maxDirectivesRule({ ...common, n: limits.directives, onReject: onReject('directives') }),
  ] as unknown as ValidationRule[];
}

export interface OperationGuard {
  /** Throws OPERATION_TOO_COMPLEX (HTTP 400) for an operation over this kind of caller's limits; otherwise returns. */
  check(operation: OperationRequest | undefined, kind: CallerKind): void;
  /** The limits in force, by caller kind. */
  limits: LimitsByCallerKind;
}

/**
 * Checks an operation against the limits before Apollo parses, validates or plans it. Parsing stops
 * at the token limit (graphql's own `maxTokens`), so a 100 kB alias bomb costs a few thousand tokens
 * of work; graphql-armor's rules then count depth, aliases and directives, and list-cost.ts the root
 * fields and the cost. Checked per request rather than as Apollo validation rules because Apollo
 * caches validation by query text, and the limits differ by caller kind.
 */
export function createOperationGuard(limits: LimitsByCallerKind, schema: () => GraphQLSchema | undefined): OperationGuard {
  return {
    limits,
    check(operation, kind) {
      if (!operation) return;
      const mine = limits[kind];
      let document: DocumentNode;
      try {
        document = parse(operation.query, { maxTokens: mine.tokens, noLocation: true });
      } catch (error) {
        if (error instanceof RangeError) throw operationTooComplex('depth', mine.depth, 'too deep to parse', kind);
        if (error instanceof Error && error.message.includes('tokens. Parsing aborted')) throw operationTooComplex('tokens', mine.tokens, `more than ${mine.tokens}`, kind);
        return; // a syntax error: Apollo's parse reports it as GRAPHQL_PARSE_FAILED
      }
      const current = schema();
      if (!current) return;
      try {
        let refused: GraphQLError | undefined;
        validate(current, document, armorRules(mine, (limit, found) => (refused ??= operationTooComplex(limit, mine[limit], found, kind))), { maxErrors: 5 });
        if (refused) throw refused;
        const roots = rootFieldCount(document);
        if (roots > mine.rootFields) throw operationTooComplex('rootFields', mine.rootFields, roots, kind);
        const cost = operationCost(current, document, operation.variables);
        if (cost > mine.cost) throw operationTooComplex('cost', mine.cost, Number.isFinite(cost) ? cost : 'unbounded', kind);
      } catch (error) {
        if (error instanceof RangeError) throw operationTooComplex('depth', mine.depth, 'too deep to count', kind);
        throw error;
      }
    },
  };
}
