import { z } from 'zod';
import { nonEmptyText } from './common.ts';

/** The most words a sentence the facilitator says aloud may have (the content lint's ceiling too). */
export const MAX_SPOKEN_WORDS = 20;

/** Words of a sentence as a reader counts them: tokens with a letter or a digit. */
export const wordsIn = (text: string) => text.split(/\s+/).filter((w) => /\p{L}|\d/u.test(w)).length;

/** One sentence a facilitator says from memory: short enough to say in one breath. */
const spokenSentence = nonEmptyText.refine((line) => wordsIn(line) <= MAX_SPOKEN_WORDS, {
  error: (issue) =>
    `has ${wordsIn(String(issue.input))} words; a sentence said aloud has at most ${MAX_SPOKEN_WORDS} — ` +
    'split it or say less',
});

/** Who must report violence they learn of, in this country, and what the law asks of them. */
export const reportingDutySchema = z.object({
  /** Who has the duty, e.g. "El personal de salud y de educación". */
  who: nonEmptyText,
  /** What they must do, e.g. "Debe denunciar la violencia que conoce en su trabajo." */
  what: nonEmptyText,
  /** The law and article that say so, e.g. "Ley 30364, art. 15". Leave it out when unsure. */
  law: nonEmptyText.optional(),
});

/** The words of the confidentiality block, in one language. */
export const confidentialityTextSchema = z.object({
  /**
   * What the facilitator keeps to herself: she does not write it down, and does not tell the bank,
   * the group or the family. One sentence each.
   */
  keeps: z.array(nonEmptyText).min(1, { error: 'needs at least one thing the facilitator keeps to herself' }),
  /**
   * What she cannot keep, and what she does then: e.g. a child in danger, a danger to the woman's
   * life. One sentence each.
   */
  cannotKeep: z
    .array(nonEmptyText)
    .min(1, { error: 'needs at least one limit: what she cannot keep (a child in danger…)' }),
  /** Who must report what in this country (health and education staff in Peru). Say less when unsure. */
  mustReport: z.array(reportingDutySchema).min(1, { error: 'needs at least one reporting duty of this country' }),
  /**
   * "Lo que puedo guardar y lo que no": what the facilitator says, in her own words, before a woman
   * tells her anything. 3 to 5 sentences of at most 20 words. Every safety box shows it.
   */
  script: z
    .array(spokenSentence)
    .min(3, { error: 'needs 3 to 5 sentences the facilitator says aloud' })
    .max(5, { error: 'needs 3 to 5 sentences the facilitator says aloud; keep the 5 that matter most' }),
});

const languageTag = z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, { error: 'must be a language tag, like en or qu' });

/**
 * The `confidentiality:` block of a referral directory: the limits of confidentiality and the
 * reporting duties of the country, in the directory's language, with optional translations.
 * An organisation in another country changes this block, not the sessions.
 */
export const confidentialitySchema = confidentialityTextSchema.extend({
  /**
   * The same words in the site's other languages, by language tag (e.g. `en:`). A language left out
   * falls back to the directory's own words (and `npm run check` warns).
   */
  translations: z.record(languageTag, confidentialityTextSchema).optional(),
});

export type ConfidentialityText = z.output<typeof confidentialityTextSchema>;
export type Confidentiality = z.output<typeof confidentialitySchema>;

/** The block's words in `language`, or in the directory's own language when it has no translation. */
export function confidentialityIn(block: Confidentiality, language: string | undefined): ConfidentialityText {
  const { translations, ...own } = block;
  return (language && translations?.[language]) || own;
}
