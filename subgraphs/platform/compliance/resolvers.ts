import { acrossEntities } from '../../kit/access/across-entities.ts';
import { checkedPeriod, PUBLICATION_DEADLINE_WORKING_DAYS } from '../../kit/disclosure/compliance.ts';
import type { SubgraphContext } from '../../kit/subgraph/subgraph.ts';
import { calendarCovers } from '../../kit/calendar/working-days.ts';
import type { PlatformDb } from '../db/tables.ts';

// 双公示 compliance: the platform answers the period and the rule; each department that publishes
// licences and penalties adds its own figures to the same DisclosureCompliance entity
// (kit/disclosure/compliance.ts), so a new department joins without the platform changing.

type Context = SubgraphContext<unknown, PlatformDb>;
type Period = { from: string; to: string };

export const disclosureComplianceResolvers = {
  Query: {
    // INTERNAL: the access rules have already required a government caller.
    disclosureCompliance: (_: unknown, { from, to }: Period) => acrossEntities(checkedPeriod(from, to)),
  },
  DisclosureCompliance: {
    __resolveReference: ({ from, to }: Period) => acrossEntities({ from, to }),
    deadlineWorkingDays: () => PUBLICATION_DEADLINE_WORKING_DAYS,
    holidayCalendarCovers: ({ from, to }: Period, _: unknown, { lifecycle }: Context) => calendarCovers(lifecycle.calendar, from, to),
  },
};
