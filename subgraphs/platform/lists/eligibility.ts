import type { EligibilityContext } from './list-types.ts';
import type { MeasureInForce } from './measures.ts';

export type EligibilityOutcome = 'ALLOWED' | 'BARRED' | 'UNDETERMINED';

export interface Eligibility {
  context: EligibilityContext;
  outcome: EligibilityOutcome;
  allowed: boolean;
  reasons: MeasureInForce[];
  rewards: MeasureInForce[];
  incomplete: boolean;
  unavailableDepartments: string[];
  asOf: string;
}

const EFFECT_ORDER = { BAR: 0, RESTRICT: 1, FAVOUR: 2 };

/**
 * "May this entity take part?" (应查必查): barred by any punishment in force that bars in this context;
 * restrictions are reasons too, but the entity may still take part. A check that lacks a department's
 * records is never ALLOWED: what the departments that answered show may already bar (BARRED), and
 * otherwise the answer is UNDETERMINED, with the missing departments named, so an app that reads only
 * `allowed` fails closed.
 */
export function decideEligibility(
  context: EligibilityContext,
  inForce: readonly MeasureInForce[],
  unavailableDepartments: readonly string[],
  asOf: string,
): Eligibility {
  const affecting = inForce.filter((m) => m.measure.contexts.includes(context));
  const reasons = affecting.filter((m) => m.measure.kind === 'PUNISHMENT').sort((a, b) => EFFECT_ORDER[a.measure.effect] - EFFECT_ORDER[b.measure.effect]);
  const rewards = affecting.filter((m) => m.measure.kind === 'REWARD');
  const barred = reasons.some((m) => m.measure.effect === 'BAR');
  const outcome: EligibilityOutcome = barred ? 'BARRED' : unavailableDepartments.length > 0 ? 'UNDETERMINED' : 'ALLOWED';
  return {
    context,
    outcome,
    allowed: outcome === 'ALLOWED',
    reasons,
    rewards,
    incomplete: unavailableDepartments.length > 0,
    unavailableDepartments: [...unavailableDepartments],
    asOf,
  };
}
