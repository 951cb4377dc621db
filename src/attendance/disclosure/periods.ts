import { seesIndividuals, type Principal } from '../principal.ts';

/**
 * The reporting periods a reader may ask figures about women for, stated once: the indicators
 * refuse any other (400 `fixed_period`) and the office's period selector offers exactly these.
 * - `programme-to-date`: everything recorded so far. The only period above the facilitator,
 *   because two overlapping periods differenced would give single enrolments (README).
 * - `chosen-dates`: any from/to. Only where figures are exact: the facilitator's own banks.
 * A future policy (say, closed quarters published once) adds its period here.
 */
export const reportingPeriods = ['programme-to-date', 'chosen-dates'] as const;
export type ReportingPeriod = (typeof reportingPeriods)[number];

export function periodsFor(principal: Principal): ReportingPeriod[] {
  return seesIndividuals(principal) ? ['programme-to-date', 'chosen-dates'] : ['programme-to-date'];
}

export const mayChooseDates = (principal: Principal) => periodsFor(principal).includes('chosen-dates');
