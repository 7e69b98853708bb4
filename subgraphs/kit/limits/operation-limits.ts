import { CALLER_KINDS, type CallerKind } from '../identity/caller.ts';
import { ConfigurationError } from '../runtime/config.ts';

/**
 * How big one operation may be, checked before it is parsed in full, validated or planned. Each limit
 * bounds a different way of making one small request cost a great deal: tokens bound parsing and
 * validation, aliases and root fields the fan-out, depth the recursion (the query planner overflowed
 * its stack on ~1,500 nested inline fragments), directives the per-field work, and cost the rows a
 * request can make the departments read (`entities(usccs:)` and `first:` multiply what they select).
 */
export interface OperationLimits {
  /** Lexical tokens in the document; parsing stops at the first one over. @default 4000 */
  tokens: number;
  /** Nesting of selections, inline fragments and fragment spreads counted (introspection exempt). @default 12 */
  depth: number;
  /** Aliased fields (aliases of `__typename` are free). @default 20 */
  aliases: number;
  /** Directives written in the operation. @default 20 */
  directives: number;
  /** Fields selected at the root of one operation. @default 10 */
  rootFields: number;
  /** Fields to resolve, each list counted by its size where the request states it (see list-cost.ts). @default 250000 */
  cost: number;
}

export type LimitName = keyof OperationLimits;

export const LIMIT_NAMES: readonly LimitName[] = ['tokens', 'depth', 'aliases', 'directives', 'rootFields', 'cost'];

/** The limits for each kind of caller: a bank's batch job may need more than an anonymous visitor. */
export type LimitsByCallerKind = Record<CallerKind, OperationLimits>;

/**
 * @default at the gateway, for every kind of caller. A profile of every field of every department for
 * 100 entities (what the access tests ask) is about 1,000 tokens, depth 7 and costs 100,101; a request
 * far past that is not a credit profile.
 */
export const DEFAULT_OPERATION_LIMITS: OperationLimits = Object.freeze({
  tokens: 4000,
  depth: 12,
  aliases: 20,
  directives: 20,
  rootFields: 10,
  cost: 250_000,
});

function sameForEveryKind(limits: OperationLimits): LimitsByCallerKind {
  return Object.fromEntries(CALLER_KINDS.map((kind) => [kind, { ...limits }])) as LimitsByCallerKind;
}

export const DEFAULT_LIMITS_BY_CALLER_KIND: LimitsByCallerKind = sameForEveryKind(DEFAULT_OPERATION_LIMITS);

/**
 * What a department accepts for an operation the gateway admitted under `gateway`: the query planner
 * adds a level or two (`_entities`, `... on Entity`), keys and `__typename`s, and may alias a field it
 * fetches twice. A subgraph reached directly is held to the same, so it cannot be made to do more work
 * than the gateway would ask of it.
 */
export function subgraphLimitsOf(gateway: LimitsByCallerKind): LimitsByCallerKind {
  const derive = (l: OperationLimits): OperationLimits => ({
    tokens: l.tokens * 2 + 500,
    depth: l.depth + 3,
    aliases: l.aliases + 20,
    directives: l.directives + 20,
    rootFields: l.rootFields,
    cost: l.cost * 2,
  });
  return Object.fromEntries(CALLER_KINDS.map((kind) => [kind, derive(gateway[kind])])) as LimitsByCallerKind;
}

const EXAMPLE = '{"*":{"aliases":20},"INSTITUTION":{"cost":200000},"ANONYMOUS":{"cost":20000}}';

/**
 * `OPERATION_LIMITS`: JSON, `"*"` for every kind of caller, then per kind (ANONYMOUS, INSTITUTION,
 * GOVERNMENT, SUBJECT); a limit not named keeps its default. Read by the gateway and by every subgraph
 * (which derives its own, see subgraphLimitsOf), so one setting governs both.
 */
export function readOperationLimits(env: NodeJS.ProcessEnv = process.env, variable = 'OPERATION_LIMITS'): LimitsByCallerKind {
  const text = env[variable];
  if (!text) return sameForEveryKind(DEFAULT_OPERATION_LIMITS);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ConfigurationError(`${variable} must be JSON such as ${EXAMPLE}`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new ConfigurationError(`${variable} must be a JSON object such as ${EXAMPLE}`);
  const entries = parsed as Record<string, unknown>;
  for (const key of Object.keys(entries)) {
    if (key !== '*' && !(CALLER_KINDS as readonly string[]).includes(key)) {
      throw new ConfigurationError(`${variable}: ${JSON.stringify(key)} is not a caller kind; use "*" or one of ${CALLER_KINDS.join(', ')}`);
    }
  }
  const overrides = (key: string): Partial<OperationLimits> => {
    const value = entries[key];
    if (value === undefined) return {};
    if (!value || typeof value !== 'object') throw new ConfigurationError(`${variable}.${key} must be an object of limits (${LIMIT_NAMES.join(', ')})`);
    const out: Partial<OperationLimits> = {};
    for (const [name, n] of Object.entries(value)) {
      if (!(LIMIT_NAMES as readonly string[]).includes(name)) throw new ConfigurationError(`${variable}.${key}: unknown limit ${JSON.stringify(name)}; the limits are ${LIMIT_NAMES.join(', ')}`);
      if (!Number.isInteger(n) || (n as number) <= 0) throw new ConfigurationError(`${variable}.${key}.${name} must be a positive whole number, but got ${JSON.stringify(n)}`);
      out[name as LimitName] = n as number;
    }
    return out;
  };
  const common = { ...DEFAULT_OPERATION_LIMITS, ...overrides('*') };
  return Object.fromEntries(CALLER_KINDS.map((kind) => [kind, { ...common, ...overrides(kind) }])) as LimitsByCallerKind;
}
