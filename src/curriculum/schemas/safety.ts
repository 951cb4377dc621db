import { z } from 'zod';
import { idSchema, nonEmptyText } from './common.ts';

/**
 * What the facilitator does if a woman tells of violence during or after this session.
 * Guidance only: the platform never records a disclosure, so there is no field for one.
 */
export const safetySchema = z.object({
  /** Concrete steps for this session, in order, e.g. "Escúchala en un lugar aparte". At least one. */
  disclosure: z.array(nonEmptyText).min(1, { error: 'needs at least one step for when a woman discloses violence' }),
  /** Keys of the referral directory (content/referrals), in the order to offer them. At least one. */
  referral: z
    .array(idSchema)
    .min(1, { error: 'needs at least one service key from the referral directory, e.g. linea-100' }),
});

export type Safety = z.output<typeof safetySchema>;
