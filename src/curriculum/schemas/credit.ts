import { z } from 'zod';
import { nonEmptyText } from './common.ts';

/** Who made a piece of the curriculum, and how. */
export const creditSchema = z.object({
  /** A person or organisation, e.g. "RADAR y SEF (Sudáfrica)". */
  by: nonEmptyText,
  /** original: the source work; adaptacion: an adaptation of it; cambios: later changes by the publishing organisation. */
  role: z.enum(['original', 'adaptacion', 'cambios']),
  /** What they did, in a few words, e.g. "Modelo IMAGE", "Adaptación a la sierra andina del Perú". */
  what: nonEmptyText,
  year: z.int().min(1990).max(2100).optional(),
});

/**
 * Credits of a manual or session. A reused session never loses the credit of its source: the
 * list must keep one `original` entry; an organisation adds its own `cambios` entry.
 */
export const creditsSchema = z
  .array(creditSchema)
  .min(1)
  .refine((credits) => credits.some((c) => c.role === 'original'), {
    params: { rule: 'credits-keep-original' },
    error:
      'must keep the credit of the original work (an entry with role: original) — add your changes as role: cambios, never remove the source',
  });

export type Credit = z.output<typeof creditSchema>;
