import type { AgendaStep } from './schemas/agenda.ts';

/** One core (evidence-carrying) step of a session's agenda. */
export interface CoreStep {
  /** 0-based index into the session's `agenda`. */
  index: number;
  title: string;
  /** One line: why the step must stay. */
  reason: string;
}

/**
 * STUB until branch `adaptations` lands (issue 17 item 1), which replaces this file with the
 * real rule and keeps this signature. Until then: a safety step is core by rule, and so is any
 * step that already carries a `core` marking.
 */
export function coreSteps(session: { agenda: readonly AgendaStep[] }): CoreStep[] {
  return session.agenda.flatMap((step, index) => {
    const marked = (step as AgendaStep & { core?: unknown }).core;
    if (step.safety) return [{ index, title: step.title, reason: 'Safety steps are core by rule.' }];
    if (marked === true || (marked && typeof marked === 'object')) {
      const reason = typeof marked === 'object' && 'reason' in marked ? String(marked.reason) : 'Marked core.';
      return [{ index, title: step.title, reason }];
    }
    return [];
  });
}
