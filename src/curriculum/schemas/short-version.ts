import { z } from 'zod';
import { nonEmptyText } from './common.ts';
import type { AgendaStep } from './agenda.ts';

/** The longest a short version may be: what fits in a bank meeting that ran late. */
export const SHORT_VERSION_MAX_MINUTES = 30;

/** What the short version does with one agenda step. */
export const shortVersionActions = ['keep', 'shorten', 'drop'] as const;

/** One agenda step in the short version. */
export const shortVersionStepSchema = z.object({
  /**
   * The agenda step, by its number on the agenda (1 is the first step). A number, not a title,
   * so a translation keeps it.
   */
  step: z.int().min(1, { error: 'must be the number of an agenda step: 1 is the first step' }),
  /** `keep`: the whole step, its own minutes. `shorten`: fewer minutes (say them). `drop`: left out. */
  action: z.enum(shortVersionActions),
  /** Minutes in the short version; only for `shorten`, and fewer than the step's own minutes. */
  minutes: z.int().positive({ error: 'must be a whole number of minutes above 0' }).optional(),
  /** For `shorten`: what to leave out or do faster, in one short sentence. */
  how: nonEmptyText.optional(),
});

/**
 * The `shortVersion:` block of a session: how to run it in 30 minutes (or less) when the bank
 * meeting leaves no more. Every agenda step says whether it is kept, shortened or dropped; steps
 * marked `safety` are always kept whole.
 */
export const shortVersionSchema = z.object({
  /** Total minutes of the short version; kept and shortened steps add up to it. Default 30, at most 30. */
  minutes: z
    .int()
    .positive()
    .max(SHORT_VERSION_MAX_MINUTES, {
      error: `must be at most ${SHORT_VERSION_MAX_MINUTES} minutes — a short version fits a late meeting`,
    })
    .default(SHORT_VERSION_MAX_MINUTES),
  /** One entry per agenda step, in agenda order. */
  steps: z.array(shortVersionStepSchema).min(1, { error: 'needs one entry per agenda step' }),
});

export type ShortVersion = z.output<typeof shortVersionSchema>;
export type ShortVersionStep = z.output<typeof shortVersionStepSchema>;

/** Minutes a step takes in the short version: its own when kept, the given ones when shortened, 0 when dropped. */
export function shortMinutesOf(entry: ShortVersionStep, step: AgendaStep | undefined): number {
  if (entry.action === 'drop') return 0;
  if (entry.action === 'shorten') return entry.minutes ?? 0;
  return step?.minutes ?? 0;
}

/** A short-version problem: the rule broken, where (under `session.`) and what to do. */
export interface ShortVersionIssue {
  rule: ShortVersionRule;
  path: (string | number)[];
  message: string;
}

export type ShortVersionRule =
  | 'short-version/unknown-step'
  | 'short-version/step-twice'
  | 'short-version/step-missing'
  | 'short-version/minutes'
  | 'short-version/total'
  | 'short-version/safety-step-cut'
  | 'short-version/no-safety-step';

/**
 * The rules a short version follows against its session's agenda. Each issue names its rule, so
 * tests and tools can tell them apart; the messages say what to change.
 */
export function shortVersionIssues(
  agenda: readonly AgendaStep[],
  short: ShortVersion,
  touchesViolence: boolean,
): ShortVersionIssue[] {
  const issues: ShortVersionIssue[] = [];
  const add = (rule: ShortVersionRule, path: (string | number)[], message: string) =>
    issues.push({ rule, path: ['shortVersion', ...path], message });
  const seen = new Set<number>();
  short.steps.forEach((entry, i) => {
    const step = agenda[entry.step - 1];
    if (!step) {
      add(
        'short-version/unknown-step',
        ['steps', i, 'step'],
        `there is no agenda step ${entry.step} (the agenda has ${agenda.length}) — ` +
          `use a number from 1 to ${agenda.length}`,
      );
      return;
    }
    if (seen.has(entry.step)) {
      add(
        'short-version/step-twice',
        ['steps', i, 'step'],
        `agenda step ${entry.step} ("${step.title}") is listed twice — keep one entry per step`,
      );
      return;
    }
    seen.add(entry.step);
    if (entry.action === 'shorten' && (entry.minutes === undefined || entry.minutes >= step.minutes))
      add(
        'short-version/minutes',
        ['steps', i, 'minutes'],
        `step ${entry.step} ("${step.title}") is shortened, so it needs minutes below its own ${step.minutes} — ` +
          'write them, or use keep',
      );
    if (entry.action !== 'shorten' && entry.minutes !== undefined)
      add(
        'short-version/minutes',
        ['steps', i, 'minutes'],
        `step ${entry.step} is ${entry.action === 'keep' ? 'kept with its own minutes' : 'dropped'}, ` +
          'so it takes no minutes here — remove them, or use shorten',
      );
    if (step.safety && entry.action !== 'keep')
      add(
        'short-version/safety-step-cut',
        ['steps', i, 'action'],
        `step ${entry.step} ("${step.title}") is a safety step and cannot be ` +
          `${entry.action === 'drop' ? 'dropped' : 'shortened'} ` +
          `— keep it whole (${step.minutes} min) and cut another step`,
      );
  });
  agenda.forEach((step, i) => {
    if (!seen.has(i + 1) && !short.steps.some((e) => e.step === i + 1))
      add(
        'short-version/step-missing',
        ['steps'],
        `agenda step ${i + 1} ("${step.title}") is not in the short version — ` +
          `add { step: ${i + 1}, action: keep, shorten or drop }`,
      );
  });
  if (touchesViolence && !agenda.some((step) => step.safety))
    add(
      'short-version/no-safety-step',
      [],
      'the session touches violence, so mark the agenda steps that carry its safety (safety: true) — ' +
        'the short version must keep them',
    );
  // The total is only worth comparing once every entry names a real step with sound minutes.
  if (issues.length > 0) return issues;
  const total = short.steps.reduce((sum, entry) => sum + shortMinutesOf(entry, agenda[entry.step - 1]), 0);
  if (total !== short.minutes)
    add(
      'short-version/total',
      ['minutes'],
      `the kept and shortened steps add up to ${total} minutes but the short version is ${short.minutes} — ` +
        'change their minutes or the total',
    );
  return issues;
}
