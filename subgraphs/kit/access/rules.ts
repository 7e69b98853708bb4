import { GraphQLError, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import { applyMiddleware, type IMiddlewareFieldMap, type IMiddlewareTypeMap } from 'graphql-middleware';
import { allow, deny, rule, shield } from 'graphql-shield';
import { isAcrossEntities } from './across-entities.ts';
import { accessLevelsOf, externalFieldsOf, FEDERATION_FIELDS, type AccessLevel } from './levels.ts';
import { decideAuthorisation, type DenialReason } from './authorisation-decision.ts';
import { describeCaller, type Caller } from '../identity/caller.ts';
import { decidedFields } from './decided-fields.ts';
import type { Logger } from '../runtime/logger.ts';
import type { RequestAccess } from './request-access.ts';
import { observedDecision } from './observed-decision.ts';
import { alsoToFilerFieldsOf, isFilerOf } from './case-filer.ts';

/**
 * How much of the schema graphql-shield wraps. Every wrapped field turns each of its values into a
 * promise, which on a 100-entity profile is tens of thousands of values (bench/permission-overhead.ts
 * measures it). So by default shield wraps only the fields where a decision is made: those above
 * PUBLIC not already decided by an enclosing field at least as strict (a tax rating's grade is decided
 * by the ratings list it is in). The fields so decided only record their release, synchronously.
 * - `deciding-fields` (default): as above.
 * - `protected-fields`: shield on every field above PUBLIC.
 * - `every-field`: shield on every field, `allow` on PUBLIC ones.
 * - `off`: nothing enforced, nothing logged.
 * All but the default exist for the benchmark; nothing reads them from configuration.
 * @default 'deciding-fields'
 */
export type ShieldScope = 'deciding-fields' | 'protected-fields' | 'every-field' | 'off';

type AccessContext = { caller: Caller; access: RequestAccess };
type RuleTree = Parameters<typeof shield>[0];
type Path = GraphQLResolveInfo['path'];

function forbidden(reason: DenialReason, level: AccessLevel, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN', reason, level } });
}

const ROOT_TYPES: ReadonlySet<string> = new Set(['Query', 'Mutation']);

/**
 * The entity a value belongs to. Every record row and every `…Records` wrapper carries `uscc`; a root
 * field names it in its arguments; and under `_entities` the representation the gateway sent says it.
 * Undefined when none of these does: the caller then gets nothing above PUBLIC (fail closed).
 */
export function entityOf(parent: unknown, args: Record<string, unknown>, info: GraphQLResolveInfo): string | undefined {
  const own = (parent as { uscc?: unknown } | null | undefined)?.uscc;
  if (typeof own === 'string') return own;
  if (ROOT_TYPES.has(info.parentType.name)) {
    const named = args.uscc ?? (args.input as { uscc?: unknown } | undefined)?.uscc;
    return typeof named === 'string' ? named : undefined;
  }
  let root: Path = info.path;
  while (root.prev?.prev) root = root.prev;
  if (root.prev?.key === '_entities' && typeof root.key === 'number') {
    const representation = (info.variableValues.representations as { __typename?: string; uscc?: unknown }[] | undefined)?.[root.key];
    if (representation?.__typename === 'Entity' && typeof representation.uscc === 'string') return representation.uscc;
  }
  return undefined;
}

/**
 * The decision for one value of one field above PUBLIC: true (and the release recorded) or the error
 * that takes its place. INTERNAL: government only. AUTHORISED: government; the entity itself; an
 * institution under a live grant for this entity, its purpose and this domain. A field declared
 * `@alsoToFiler`: also the filer of the case the value belongs to (case-filer.ts); an INTERNAL one
 * refuses everyone else but government with reason FILER.
 */
async function decide(level: AccessLevel, alsoToFiler: boolean, parent: unknown, args: Record<string, unknown>, { caller, access }: AccessContext, info: GraphQLResolveInfo) {
  const field = `${info.parentType.name}.${info.fieldName}`;
  const { domain } = access;
  const uscc = entityOf(parent, args, info);
  const whose = uscc ? ` of entity ${uscc}` : '';

  if (alsoToFiler && isFilerOf(caller, parent)) {
    // The case's own filer (case-filer.ts): released whatever the level, and logged below like any release.
  } else if (alsoToFiler && level === 'INTERNAL' && caller.kind !== 'GOVERNMENT') {
    // Said apart from LEVEL: the entity the case is about, or another filer, is told who does see it.
    const who = caller.kind === 'ANONYMOUS' ? 'sign in with a bearer token (see the README, Access)' : `you are ${describeCaller(caller)}, not its filer`;
    return forbidden('FILER', level, `${field}${whose} belongs to the case file: released to whoever filed the case and to government only; ${who}`);
  } else if (info.parentType.name === 'Mutation') {
    // An act on an entity's behalf (granting, revoking): no institution acts for the entity.
    const may = level === 'INTERNAL' ? 'government callers only' : `only entity ${uscc ?? '(unnamed)'} itself or government`;
    const allowed = caller.kind === 'GOVERNMENT' || (level === 'AUTHORISED' && caller.kind === 'SUBJECT' && caller.uscc === uscc);
    if (!allowed) {
      const who = caller.kind === 'ANONYMOUS' ? 'sign in with a bearer token (see the README, Access)' : `you are ${describeCaller(caller)}`;
      return forbidden('LEVEL', level, `${info.fieldName} may be called by ${may}; ${who}`);
    }
  } else if (level === 'INTERNAL' && caller.kind !== 'GOVERNMENT') {
    return forbidden('LEVEL', level, `${field} is INTERNAL data${whose}, released to government callers only; you are ${describeCaller(caller)}`);
  } else if (level === 'INTERNAL' && caller.kind === 'GOVERNMENT' && !access.sharesInternalWith(caller.department)) {
    return forbidden('SHARING', level, `${field} is ${domain}'s INTERNAL data${whose}, shared with government department ${caller.department} only where the sharing list says (部门内部共享, INTERNAL_SHARING)`);
  } else if (level === 'AUTHORISED') {
    if (caller.kind === 'ANONYMOUS') {
      return forbidden('LEVEL', level, `${field} is AUTHORISED data${whose}: sign in with a bearer token (see the README, Access); anonymous callers see PUBLIC data only`);
    }
    if (caller.kind === 'SUBJECT' && caller.uscc !== uscc) {
      return forbidden('LEVEL', level, `${field} is AUTHORISED data${whose}, released to the entity itself, government, and institutions it has authorised; you are ${describeCaller(caller)}`);
    }
    if (caller.kind === 'INSTITUTION') {
      if (!uscc) return new Error(`cannot tell which entity ${field} belongs to; withheld`);
      let grants;
      try {
        grants = await access.grantsOf(uscc);
      } catch {
        return new GraphQLError(`Authorisations cannot be checked right now, so ${field}${whose} is withheld; try again shortly.`, {
          extensions: { code: 'AUTHORISATION_UNAVAILABLE' },
        });
      }
      const decision = decideAuthorisation(grants, { uscc, organisation: caller.organisation, purpose: caller.purpose, domain });
      if (!decision.allowed) return forbidden(decision.reason, level, `${field}: ${decision.message}`);
    }
  }

  // Only a root field may name no entity (government searching the access log): the records under it
  // are each logged against their own entity; and INTERNAL figures across entities (across-entities.ts),
  // government's alone by the check above. Anywhere else an unknown entity is a bug: withheld.
  const entityless = ROOT_TYPES.has(info.parentType.name) || (level === 'INTERNAL' && isAcrossEntities(parent));
  if (!uscc && !entityless) return new Error(`cannot tell which entity ${field} belongs to; withheld`);
  access.releases.record(uscc, field, info.path);
  return true;
}

/**
 * For a field whose decision an enclosing field already made (decided-fields.ts): nothing to decide,
 * only the release to record. Synchronous, so the value stays a plain value, not a promise.
 */
function recordRelease(resolve: (...args: unknown[]) => unknown, parent: unknown, args: Record<string, unknown>, context: AccessContext, info: GraphQLResolveInfo) {
  const uscc = entityOf(parent, args, info);
  const field = `${info.parentType.name}.${info.fieldName}`;
  if (!uscc && !isAcrossEntities(parent)) return new Error(`cannot tell which entity ${field} belongs to; withheld`);
  context.access.releases.record(uscc, field, info.path);
  return resolve(parent, args, context, info);
}

function accessRule(level: 'AUTHORISED' | 'INTERNAL', alsoToFiler: boolean) {
  const name = `access-${level.toLowerCase()}${alsoToFiler ? '-or-filer' : ''}`;
  return rule(name, { cache: 'no_cache' })((parent, args, ctx, info) => observedDecision(level, ctx, () => decide(level, alsoToFiler, parent, args, ctx, info)));
}

const ruleFor = {
  AUTHORISED: accessRule('AUTHORISED', false),
  INTERNAL: accessRule('INTERNAL', false),
};
/** The same levels, also released to the case's filer (`@alsoToFiler`, case-filer.ts). */
const orFilerRuleFor = {
  AUTHORISED: accessRule('AUTHORISED', true),
  INTERNAL: accessRule('INTERNAL', true),
};

/**
 * The shield rule tree, derived from the schema's own `@access` directives: nothing else says what a
 * field's tier is. Federation's fields are let through explicitly; a field with no level is denied.
 */
export function accessRuleTree(schema: GraphQLSchema): RuleTree {
  const tree: Record<string, Record<string, unknown>> = {};
  const set = (key: string, value: unknown) => {
    const [type, field] = key.split('.');
    (tree[type] ??= {})[field] = value;
  };
  for (const key of FEDERATION_FIELDS) set(key, allow);
  // An @external field is declared only to be @required: the gateway asks its owner for it, never this
  // subgraph, and were it asked here it could only echo what the caller sent in the representation.
  for (const key of externalFieldsOf(schema)) set(key, allow);
  const alsoToFiler = alsoToFilerFieldsOf(schema);
  for (const [key, level] of accessLevelsOf(schema)) {
    set(key, level === undefined ? deny : level === 'PUBLIC' ? allow : (alsoToFiler.has(key) ? orFilerRuleFor : ruleFor)[level]);
  }
  return tree as RuleTree;
}

/** Applies the access rules to a subgraph's schema; see ShieldScope for what is wrapped. */
export function guardSchema(schema: GraphQLSchema, logger: Logger, scope: ShieldScope = 'deciding-fields'): GraphQLSchema {
  if (scope === 'off') return schema;
  const levels = accessLevelsOf(schema);
  const external = externalFieldsOf(schema);
  const permissions = shield(accessRuleTree(schema), {
    allowExternalErrors: true,
    fallbackRule: deny,
    fallbackError: (thrown: unknown, _parent: unknown, _args: unknown, _ctx: unknown, info: GraphQLResolveInfo) => {
      logger.error({ err: thrown, field: `${info.parentType.name}.${info.fieldName}` }, 'field withheld: it declares no access level, or its rule failed');
      return new Error('access rule failed; withheld');
    },
  });
  const middleware = permissions.generate(schema) as IMiddlewareTypeMap;
  if (scope === 'every-field') return applyMiddleware(schema, middleware);

  const decided = scope === 'deciding-fields' ? decidedFields(schema) : new Set<string>();
  const needed: IMiddlewareTypeMap = {};
  for (const [type, fields] of Object.entries(middleware)) {
    for (const [field, fn] of Object.entries(fields as IMiddlewareFieldMap)) {
      const key = `${type}.${field}`;
      if (FEDERATION_FIELDS.has(key) || external.has(key) || levels.get(key) === 'PUBLIC') continue;
      ((needed[type] ??= {}) as IMiddlewareFieldMap)[field] = decided.has(key) ? (recordRelease as IMiddlewareFieldMap[string]) : fn;
    }
  }
  return applyMiddleware(schema, needed);
}
