import { creditRepairResolvers } from './credit-repair.ts';
import { objectionResolvers } from './objections.ts';
import { recordHistoryResolvers } from './record-history.ts';

/** The record cases' part of the platform's resolvers: credit repair, objections, a record's case history. */
export const caseResolvers = {
  Query: { ...creditRepairResolvers.Query, ...objectionResolvers.Query },
  Mutation: { ...creditRepairResolvers.Mutation, ...objectionResolvers.Mutation },
  Entity: { ...creditRepairResolvers.Entity, ...objectionResolvers.Entity },
  CreditRepairApplication: creditRepairResolvers.CreditRepairApplication,
  Objection: objectionResolvers.Objection,
  ...recordHistoryResolvers,
};
