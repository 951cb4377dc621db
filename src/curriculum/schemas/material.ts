import { z } from 'zod';
import { nonEmptyText } from './common.ts';

/** Something the facilitator brings to the session. */
export const materialSchema = z.object({
  /** What it is, e.g. "Papelógrafos". */
  item: nonEmptyText,
  /** How many or how much, in words the facilitator can buy or count, e.g. "3" or "1 por grupo". */
  quantity: z.union([z.int().positive(), nonEmptyText]).transform(String),
  /** What to prepare before the meeting, if anything, e.g. "Dibujar el árbol en un papelógrafo". */
  prepare: nonEmptyText.optional(),
});

export type Material = z.output<typeof materialSchema>;
