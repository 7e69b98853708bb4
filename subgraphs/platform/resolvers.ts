import { authorisationResolvers } from './authorisations/resolvers.ts';
import { caseResolvers } from './cases/resolvers.ts';
import { disclosureComplianceResolvers } from './compliance/resolvers.ts';
import { listResolvers } from './lists/resolvers.ts';
import { creditReportResolvers } from './reports/resolvers.ts';
import { evaluationResolvers } from './evaluation/resolvers.ts';
import { commitmentResolvers } from './commitments/resolvers.ts';

// The platform's resolvers, part by part (authorisations/, cases/, lists/, compliance/); each part
// resolves its own types and adds its fields to Query, Mutation and Entity.

export const platformResolvers = {
  Query: {
    ...listResolvers.Query,
    ...caseResolvers.Query,
    ...disclosureComplianceResolvers.Query,
    ...authorisationResolvers.Query,
    ...creditReportResolvers.Query,
    ...evaluationResolvers.Query,
    ...commitmentResolvers.Query,
  },
  Mutation: {
    ...caseResolvers.Mutation,
    ...authorisationResolvers.Mutation,
    ...creditReportResolvers.Mutation,
    ...commitmentResolvers.Mutation,
  },
  Entity: {
    // The platform does not decide which entities exist (market supervision does); it adds its fields to those the gateway asks about.
    // The whole representation is kept: it carries the other departments' fields that listings @requires.
    __resolveReference: (reference: { uscc: string }) => reference,
    ...listResolvers.Entity,
    ...caseResolvers.Entity,
    ...authorisationResolvers.Entity,
    ...evaluationResolvers.Entity,
    ...commitmentResolvers.Entity,
  },
  JointMeasure: listResolvers.JointMeasure,
  CreditRepairApplication: caseResolvers.CreditRepairApplication,
  Objection: caseResolvers.Objection,
  RecordHistory: caseResolvers.RecordHistory,
  DisclosureCompliance: disclosureComplianceResolvers.DisclosureCompliance,
  Authorisation: authorisationResolvers.Authorisation,
  AccessLogEntry: authorisationResolvers.AccessLogEntry,
  CreditReport: creditReportResolvers.CreditReport,
  CreditEvaluation: evaluationResolvers.CreditEvaluation,
};
