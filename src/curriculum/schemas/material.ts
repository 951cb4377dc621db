import { z } from 'zod';
import { nonEmptyText } from './common.ts';

/** Something the facilitator brings to the session. */
export const materialSchema = z.object({
  /** What it is, e.g. "Papelógrafos". */
  item: nonEmptyText,
  /**
   * How many or how much, in words the facilitator can buy or count, e.g. "3" or "1 por grupo".
   * Written as a number or as words; always text after parsing. The final `.pipe(z.string())`
   * says so in a form JSON Schema can express (the catalog's schema is generated from this one).
   */
  quantity: z.union([z.int().positive(), nonEmptyText]).transform(String).pipe(z.string()),
  /** What to prepare before the meeting, if anything, e.g. "Dibujar el árbol en un papelógrafo". */
  prepare: nonEmptyText.optional(),
});

export type Material = z.output<typeof materialSchema>;
