import { z } from 'zod';
import { fixedInTranslation } from './fixed-in-translation.ts';
import { idSchema, versionSchema } from './common.ts';

/**
 * When a participant has "completed" the programme: attended at least `minSessions` of the
 * sessions of `manual` that count toward completion (IMAGE Perú: 4 of the 7 group sessions).
 */
export const completionRuleSchema = z.object({
  /** The manual whose counted sessions make up the rule. */
  manual: idSchema,
  /** How many counted sessions a participant must attend. */
  minSessions: z.int().positive(),
});

/** The `programme:` block of a programme's landing page. Title and description are the page's own. */
export const programmeSchema = z.object({
  /** Stable id, unique across programmes. */
  id: fixedInTranslation(idSchema),
  /** Manual ids in the order the programme uses them. */
  manuals: fixedInTranslation(z.array(idSchema).min(1, { error: 'needs at least one manual id' })),
  /** The completion rule the attendance API applies. */
  completionRule: fixedInTranslation(completionRuleSchema),
  /**
   * True when the programme works on violence (IMAGE does): then every session of every one of its
   * manuals needs a `safety` block, whether or not the session itself talks about violence, because
   * a woman may disclose in any of its meetings. Default false.
   */
  touchesViolence: fixedInTranslation(z.boolean().default(false)),
  /** In a translation only: the version of the source it was translated from (programmes have no version of their own: use "1.0"). */
  translatedFrom: versionSchema.optional(),
});

export type ProgrammeMeta = z.output<typeof programmeSchema>;
export type CompletionRule = z.output<typeof completionRuleSchema>;
