import { z } from 'zod';
import { idSchema, isoDateSchema, nonEmptyText, versionSchema } from './common.ts';

/** A core element of the upstream session that an adaptation leaves out, on purpose. */
export const removedCoreSchema = z
  .object({
    /** Title of the upstream's core agenda step that was removed. */
    step: nonEmptyText.optional(),
    /** Text of the upstream's core key message that was removed. */
    message: nonEmptyText.optional(),
    /** Why it was removed, in one line: reviewers read it on the adaptations page. */
    reason: nonEmptyText,
  })
  .refine((entry) => (entry.step === undefined) !== (entry.message === undefined), {
    error: 'name either the step or the message that was removed (one of them, not both)',
  });

/**
 * Where an adapted session came from: the upstream curriculum, the session's id there and the
 * version adapted. The build checks the upstream's core elements against a snapshot of it
 * (content/upstream/<curriculum>.json), so it needs no network.
 */
export const adaptedFromSchema = z.object({
  /** Name of the upstream curriculum: the file content/upstream/<curriculum>.json, e.g. "tejido". */
  curriculum: z.string().regex(/^[a-z0-9]+([-@.][a-z0-9]+)*$/, {
    error: 'must name a file in content/upstream/ without .json, like tejido',
  }),
  /** Id of the upstream session this one adapts. */
  session: idSchema,
  /** The upstream session's version that was adapted. A newer upstream version gives a warning. */
  version: versionSchema,
  /** Core elements of the upstream left out on purpose, each with its reason. Default none. */
  removedCore: z.array(removedCoreSchema).default([]),
});

export type AdaptedFrom = z.output<typeof adaptedFromSchema>;

/** One entry of a session's version history: what changed, so adaptations can see it. */
export const changeSchema = z.object({
  /** The version this change produced, e.g. "1.1". */
  version: versionSchema,
  /** When it was published, YYYY-MM-DD. */
  date: isoDateSchema,
  /** What changed, in one short sentence, e.g. "Seguridad y confidencialidad revisadas". */
  summary: nonEmptyText,
});

export type Change = z.output<typeof changeSchema>;
