import { z } from 'zod';
import { vocabularyValue, type VocabularyOption } from './vocabulary.ts';
import { idSchema, licenceSchema, nonEmptyText, versionSchema } from './common.ts';
import { creditsSchema } from './credit.ts';
import { dayScheduleSchema } from './day-schedule.ts';
import { fixedInTranslation } from './fixed-in-translation.ts';

/**
 * The `manual:` block of a manual's landing page. Title and description are the page's own.
 * The manual owns the order of its sessions: moving a session is editing this list, never renaming files.
 */
export const manualSchema = ({ vocabulary }: VocabularyOption = {}) =>
  z.object({
    /** Stable id, unique in the curriculum. */
    id: fixedInTranslation(idSchema),
    /** Who the manual is for: values of `audiences` in content/vocabulary.yaml. */
    audience: fixedInTranslation(
      z.array(vocabularyValue(vocabulary, 'audiences')).min(1, { error: 'needs at least one audience' }),
    ),
    /** Session ids in the order they are taught. */
    sessions: fixedInTranslation(z.array(idSchema).min(1, { error: 'needs at least one session id' })),
    /**
     * For a manual taught as a workshop of several days (its sessions have `day:`): each day's
     * teaching time. The build checks that every day's sessions fit in it. One entry per day.
     */
    days: fixedInTranslation(
      z
        .array(dayScheduleSchema)
        .refine((days) => new Set(days.map((d) => d.day)).size === days.length, {
          error: 'lists the same day twice — give each day one schedule',
        })
        .optional(),
    ),
    /** Words a reader of this manual may not know, explained in plain words; shown at the end of the manual's page and in the printed book. */
    glossary: z
      .array(z.object({ term: nonEmptyText, definition: nonEmptyText }))
      .min(3, { error: 'needs at least 3 terms — every manual explains its own words' }),
    /** In a translation only: the `version` of the source it was translated from. */
    translatedFrom: versionSchema.optional(),
    /** Version of the manual as a whole. */
    version: versionSchema,
    /** Who made the manual: the original work, its adaptations, later changes. Sessions inherit it unless they carry their own. */
    credits: fixedInTranslation(creditsSchema),
    /** SPDX licence identifier. */
    licence: fixedInTranslation(licenceSchema),
  });

export type ManualMeta = z.output<ReturnType<typeof manualSchema>>;
