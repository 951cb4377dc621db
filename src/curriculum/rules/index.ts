// The registry of content rules: every error of `npm run check` and of the build names one of
// these ids. Add a rule here (and a fixture in test/curriculum/rules.unit.test.ts) or nowhere.
import { completionManual, completionMinSessions } from './completion.ts';
import {
  dayFitsSchedule,
  dayHasSchedule,
  dayOnEverySession,
  dayOrder,
  daysNeedSessionDays,
  scheduleHasSessions,
} from './days.ts';
import { declaredRules } from './declared.ts';
import type { CurriculumInput } from './input.ts';
import {
  handoutExists,
  manualHasProgramme,
  manualInOneProgramme,
  manualSessionExists,
  programmeManualExists,
  sessionHasManual,
  sessionInOneManual,
  sessionListedOnce,
  uniqueId,
} from './links.ts';
import {
  logoExists,
  organisationProgrammeExists,
  safetyPlanExists,
  safetyPlanNamed,
  type ConfigInput,
  type OrganisationInput,
} from './organisation.ts';
import type { ContentRule, RuleScope, RuleSummary } from './rule.ts';
import { programmeSafetyBox, referralKeyExists, sessionDescription } from './sessions.ts';

/** Rules across pages, run by `resolveCurriculum` in this order. */
export const curriculumRules: readonly ContentRule<CurriculumInput>[] = [
  uniqueId,
  programmeManualExists,
  manualInOneProgramme,
  manualHasProgramme,
  manualSessionExists,
  sessionListedOnce,
  sessionInOneManual,
  sessionHasManual,
  sessionDescription,
  referralKeyExists,
  handoutExists,
  dayOnEverySession,
  dayOrder,
  daysNeedSessionDays,
  dayHasSchedule,
  scheduleHasSessions,
  dayFitsSchedule,
  programmeSafetyBox,
  completionManual,
  completionMinSessions,
];

/** Rules of the organisation config alone, run by `checkContent` as soon as it is read. */
export const configRules: readonly ContentRule<ConfigInput>[] = [logoExists];

/** Rules between the organisation config and the curriculum, run by `checkContent`. */
export const organisationRules: readonly ContentRule<OrganisationInput>[] = [
  organisationProgrammeExists,
  safetyPlanNamed,
  safetyPlanExists,
];

/** One row of the rule list: what the Adaptar page shows. */
export interface RuleEntry {
  /** The rule's stable id. */
  id: string;
  /** Where it is checked. */
  scope: RuleScope;
  /** What it asks for, in one line per language. */
  summary: RuleSummary;
}

/** Every content rule, in the order a file is checked: reading, each page, across pages, the organisation. */
export const contentRules: readonly RuleEntry[] = [
  ...declaredRules,
  ...configRules,
  ...curriculumRules,
  ...organisationRules,
].map(({ id, scope, summary }) => ({ id, scope, summary }));
