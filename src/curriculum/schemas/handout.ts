import { z } from 'zod';
import { idSchema, versionSchema } from './common.ts';
import { fixedInTranslation } from './fixed-in-translation.ts';

/**
 * The `handout:` block of a handout page: a sheet given to participants to take home. Its
 * text is the page's MDX body; sessions list it by id in `session.handouts`. Printed in large
 * type and low ink, so it survives a cheap photocopy.
 */
export const handoutSchema = z.object({
  /** Stable id, unique in the curriculum, e.g. "hoja-yo-siento". */
  id: fixedInTranslation(idSchema),
  /** In a translation only: the version of the source it was translated from. */
  translatedFrom: versionSchema.optional(),
});

export type HandoutMeta = z.output<typeof handoutSchema>;
