import { defaultFieldResolver, GraphQLError, isObjectType, Kind, visit, type DocumentNode, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import type { Caller } from '../identity/caller.ts';

/**
 * Natural persons behind an entity (DOMAIN.md; seed 001: 涉及個人的信用信息原則上不公示). An individual
 * business (个体工商户) is a subject, but its operator is a natural person: what is the operator's own
 * (name, capital, residence) is not published. The rule is data, per entity type and field, below;
 * the kit applies it in every department to the fields its schema has. Government and the entity
 * itself see every field whole; everyone else sees the public view.
 */

/** Entity types whose representative is the operator, a natural person; told by the unified code. */
export type OperatedEntityType = 'INDIVIDUAL_BUSINESS';

/**
 * What the public view does with a field: MASK the person's name (surname kept: 尹*), WITHHOLD it
 * (null, FORBIDDEN, reason NATURAL_PERSON), or PUBLISH it whole because a law requires it (named).
 */
export type NaturalPersonRule = { kind: 'MASK' } | { kind: 'WITHHOLD' } | { kind: 'PUBLISH'; law: string };

export interface NaturalPersonField {
  entityType: OperatedEntityType;
  /** Schema coordinate, Type.field. */
  field: string;
  rule: NaturalPersonRule;
}

export const NATURAL_PERSON_FIELDS: readonly NaturalPersonField[] = [
  { entityType: 'INDIVIDUAL_BUSINESS', field: 'Entity.legalRepresentative', rule: { kind: 'MASK' } },
  // The operator's own money and home: 个体工商户 capital is the operator's assets (资金数额), 住所 may be a home.
  { entityType: 'INDIVIDUAL_BUSINESS', field: 'Entity.registeredCapital', rule: { kind: 'WITHHOLD' } },
  { entityType: 'INDIVIDUAL_BUSINESS', field: 'Entity.registeredCapitalCurrency', rule: { kind: 'WITHHOLD' } },
  { entityType: 'INDIVIDUAL_BUSINESS', field: 'Entity.address', rule: { kind: 'WITHHOLD' } },
  // Published by law although they name or concern the operator:
  {
    entityType: 'INDIVIDUAL_BUSINESS',
    field: 'DishonestDebtorEntry.legalRepresentative',
    rule: { kind: 'PUBLISH', law: '《最高人民法院关于公布失信被执行人名单信息的若干规定》第六条（法定代表人或者负责人姓名）' },
  },
  {
    entityType: 'INDIVIDUAL_BUSINESS',
    field: 'ConsumptionRestrictionOrder.restrictedPersons',
    rule: { kind: 'PUBLISH', law: '《最高人民法院关于限制被执行人高消费及有关消费的若干规定》第三条、第七条（限制消费令及其公告）' },
  },
  {
    entityType: 'INDIVIDUAL_BUSINESS',
    field: 'TaxResponsiblePerson.name',
    rule: { kind: 'PUBLISH', law: '《重大税收违法失信主体信息公布管理办法》（国家税务总局令第54号：公布失信主体的基本情况）' },
  },
  { entityType: 'INDIVIDUAL_BUSINESS', field: 'TaxArrears.amountOwed', rule: { kind: 'PUBLISH', law: '《中华人民共和国税收征收管理法》第四十五条、《欠税公告办法（试行）》' } },
  { entityType: 'INDIVIDUAL_BUSINESS', field: 'TaxArrears.currentArrears', rule: { kind: 'PUBLISH', law: '《中华人民共和国税收征收管理法》第四十五条、《欠税公告办法（试行）》' } },
  { entityType: 'INDIVIDUAL_BUSINESS', field: 'Penalty.fineAmount', rule: { kind: 'PUBLISH', law: '《中华人民共和国行政处罚法》第四十八条（行政处罚决定应当依法公开）' } },
  { entityType: 'INDIVIDUAL_BUSINESS', field: 'EnvironmentalPenalty.fineAmount', rule: { kind: 'PUBLISH', law: '《中华人民共和国行政处罚法》第四十八条（行政处罚决定应当依法公开）' } },
];

/** The operated entity type a unified code says, or null: registering authority 9 (市场监管), type 2. */
export function operatedEntityTypeOf(uscc: string): OperatedEntityType | null {
  return uscc.startsWith('92') ? 'INDIVIDUAL_BUSINESS' : null;
}

/** A person's name as public views print it: the surname, each other character a star (尹*, 王**). */
export function maskPersonName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? name : `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}

/** Government and the entity itself see the operator's information whole. */
export function seesPersonWhole(caller: Caller, uscc: string): boolean {
  return caller.kind === 'GOVERNMENT' || (caller.kind === 'SUBJECT' && caller.uscc === uscc);
}

/** The rule for a field of an entity of this type, if any. */
export function naturalPersonRuleOf(uscc: string, coordinate: string): NaturalPersonRule | null {
  const type = operatedEntityTypeOf(uscc);
  return (type && NATURAL_PERSON_FIELDS.find((f) => f.entityType === type && f.field === coordinate)?.rule) ?? null;
}

function withheld(coordinate: string): GraphQLError {
  return new GraphQLError(`${coordinate} of an individual business is its operator's own (a natural person's): not published; the entity itself and government see it`, {
    extensions: { code: 'FORBIDDEN', reason: 'NATURAL_PERSON' },
  });
}

type Context = { caller: Caller };

/** Wraps the fields of this schema the rules MASK or WITHHOLD; PUBLISH fields only carry their law in the description. */
export function guardNaturalPersons(schema: GraphQLSchema): void {
  for (const { field: coordinate, rule } of NATURAL_PERSON_FIELDS) {
    if (rule.kind === 'PUBLISH') continue;
    const [typeName, fieldName] = coordinate.split('.');
    const type = schema.getType(typeName);
    const field = isObjectType(type) ? type.getFields()[fieldName] : undefined;
    if (!field) continue;
    const resolve: GraphQLFieldResolver<unknown, Context> = field.resolve ?? defaultFieldResolver;
    field.resolve = async (parent, args, context, info) => {
      const value = await resolve(parent, args, context, info);
      const uscc = (parent as { uscc?: unknown } | null)?.uscc;
      if (value === null || value === undefined || typeof uscc !== 'string') return value;
      const applies = naturalPersonRuleOf(uscc, coordinate);
      if (!applies || seesPersonWhole(context.caller, uscc)) return value;
      return applies.kind === 'MASK' ? maskPersonName(String(value)) : withheld(coordinate);
    };
  }
}

/** The law a PUBLISH rule names, for the field's description: the explorer says why it is public. */
export function publicationLawsOf(coordinate: string): string[] {
  return NATURAL_PERSON_FIELDS.filter((f) => f.field === coordinate && f.rule.kind === 'PUBLISH').map((f) => (f.rule as { law: string }).law);
}

const NOTE: Record<NaturalPersonRule['kind'], (rule: NaturalPersonRule) => string> = {
  MASK: () => 'For an individual business (个体工商户) the operator is a natural person: outside the entity itself and government the name is masked, surname kept (尹*).',
  WITHHOLD: () => "For an individual business (个体工商户) this is the operator's own: outside the entity itself and government it is withheld (FORBIDDEN, reason NATURAL_PERSON).",
  PUBLISH: (rule) => `For an individual business (个体工商户) this concerns the operator, a natural person, and is public because the law requires it: ${(rule as { law: string }).law}.`,
};

/** Says each rule in its field's description, as the access level is said. */
export function describeNaturalPersons(document: DocumentNode): DocumentNode {
  return visit(document, {
    ObjectTypeDefinition(type) {
      const fields = type.fields?.map((field) => {
        const rule = NATURAL_PERSON_FIELDS.find((f) => f.field === `${type.name.value}.${field.name.value}`)?.rule;
        if (!rule) return field;
        const note = NOTE[rule.kind](rule);
        const text = field.description ? `${field.description.value}\n\n${note}` : note;
        return { ...field, description: { kind: Kind.STRING, value: text, block: true } };
      });
      return { ...type, fields };
    },
  });
}
