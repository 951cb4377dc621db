import { shortMinutesOf, type AgendaStep, type ShortVersion, type ShortVersionStep } from './schemas/index.ts';

/** One agenda step as the short version runs it: what the panel and the card list. */
export interface ShortAgendaRow {
  /** 1-based number of the step on the full agenda. */
  step: number;
  title: string;
  action: ShortVersionStep['action'];
  /** Minutes in the short version (0 when dropped). */
  minutes: number;
  /** The step's own minutes on the full agenda. */
  fullMinutes: number;
  how?: string;
  safety: boolean;
}

/** The short version laid over the agenda, in agenda order; steps it does not name are left out. */
export function shortAgenda(agenda: readonly AgendaStep[], short: ShortVersion): ShortAgendaRow[] {
  return agenda.flatMap((step, i) => {
    const entry = short.steps.find((e) => e.step === i + 1);
    if (!entry) return [];
    return [
      {
        step: i + 1,
        title: step.title,
        action: entry.action,
        minutes: shortMinutesOf(entry, step),
        fullMinutes: step.minutes,
        how: entry.how,
        safety: step.safety === true,
      },
    ];
  });
}

/** Minutes the short version takes in all: its kept and shortened steps. */
export function shortVersionMinutes(agenda: readonly AgendaStep[], short: ShortVersion): number {
  return shortAgenda(agenda, short).reduce((sum, row) => sum + row.minutes, 0);
}
