import { z } from 'zod';
import { vocabularyValue, type VocabularyOption } from './vocabulary.ts';
import { nonEmptyText } from './common.ts';
import { coreMarkSchema } from './core-mark.ts';

/** At most this many sentences in a step's `largeGroup` note: it sits beside the step on a one-page card. */
export const MAX_LARGE_GROUP_SENTENCES = 2;

/** Sentences in a short text: runs ending in . ! ? (or the end of the text). */
export function sentenceCount(text: string): number {
  return text.split(/[.!?]+(?=\s|$)/).filter((part) => part.trim().length > 0).length;
}

/** One step of a session's agenda, as the facilitator runs it; `method` is one of the vocabulary's methods. */
export const agendaStepSchema = ({ vocabulary }: VocabularyOption = {}) =>
  z.object({
    /** What the step is called on the agenda, e.g. "Dinámica: el ovillo de lana". */
    title: nonEmptyText,
    /** How long the step takes. The steps of a session add up to its `durationMinutes`. */
    minutes: z.int().positive({ error: 'must be a whole number of minutes above 0' }),
    /** How the step is run: one of `methods` in content/vocabulary.yaml. */
    method: vocabularyValue(vocabulary, 'methods'),
    /**
     * True when the step carries the session's safety: the confidentiality agreements, where to get
     * help, what to do in danger. A short version keeps it whole. Default false.
     */
    safety: z.boolean().optional(),
    /**
     * How to run the step with 30 to 40 women when it does not work as one circle, e.g. "Hagan dos
     * rondas de 15". At most two short sentences: the card prints it beside the step.
     */
    largeGroup: nonEmptyText
      .refine((text) => sentenceCount(text) <= MAX_LARGE_GROUP_SENTENCES, {
        error:
          `must be at most ${MAX_LARGE_GROUP_SENTENCES} short sentences — it is printed beside the step; ` +
          'keep only how to split the group',
      })
      .optional(),
    /**
     * Present when the step is core: it carries the evidence of the model, so an adaptation keeps
     * it or declares its removal. A `safety: true` step is core by rule, with or without this mark.
     */
    core: coreMarkSchema.optional(),
    /**
     * In an adapted session only: the title of the upstream step this one adapts, when the title
     * was changed. The check of core steps then finds it. Omit it when the title is the upstream's.
     */
    upstreamStep: nonEmptyText.optional(),
  });

export type AgendaStep = z.output<ReturnType<typeof agendaStepSchema>>;
