import { keyMessageText, type AgendaStep, type KeyMessage, type SessionMeta } from './schemas/index.ts';

/**
 * Why a safety step is core when it has no reason of its own: the rule "safety is core" holds
 * for every step marked `safety: true`, so an adaptation can never drop one silently.
 */
export const SAFETY_CORE_REASON = 'Paso de seguridad: protege a las participantes; se mantiene siempre.';

/** A session as far as its core parts go: its agenda and key messages (a resolved Session fits). */
type WithAgenda = Pick<SessionMeta, 'agenda'>;

/** Whether an agenda step is core: marked `core`, or a safety step (core by rule). */
export const isCoreStep = (step: AgendaStep): boolean => Boolean(step.core) || step.safety === true;

/** The reason shown for a core step: its own, or the safety rule's. */
export const coreReasonOf = (step: AgendaStep): string => step.core?.reason ?? SAFETY_CORE_REASON;

/**
 * The session's core agenda steps, in agenda order: 0-based index, title and why it is core.
 * Delivery fidelity (which steps a facilitator did) counts these; adaptations must keep them.
 */
export function coreSteps(session: WithAgenda): { index: number; title: string; reason: string }[] {
  return session.agenda.flatMap((step, index) =>
    isCoreStep(step) ? [{ index, title: step.title, reason: coreReasonOf(step) }] : [],
  );
}

/** The session's core key messages: text and reason. */
export function coreMessages(session: { keyMessages: readonly KeyMessage[] }): { text: string; reason: string }[] {
  return session.keyMessages.flatMap((message) =>
    typeof message !== 'string' && message.core ? [{ text: message.text, reason: message.core.reason }] : [],
  );
}

export { keyMessageText };
