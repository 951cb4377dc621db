import { z } from 'zod';
import { audiences, keysOf } from './vocabulary.ts';
import { idSchema, licenceSchema, versionSchema } from './common.ts';

/**
 * The `manual:` block of a manual's landing page. Title and description are the page's own.
 * The manual owns the order of its sessions: moving a session is editing this list, never renaming files.
 */
export const manualSchema = z.object({
  /** Stable id, unique in the curriculum. */
  id: idSchema,
  /** Who the manual is for. */
  audience: z.array(z.enum(keysOf(audiences))).min(1, { error: 'needs at least one audience' }),
  /** Session ids in the order they are taught. */
  sessions: z.array(idSchema).min(1, { error: 'needs at least one session id' }),
  /** Version of the manual as a whole. */
  version: versionSchema,
  /** SPDX licence identifier. */
  licence: licenceSchema,
});

export type ManualMeta = z.output<typeof manualSchema>;
