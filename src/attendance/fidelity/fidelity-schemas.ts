import { z } from 'zod';
import { countCell, isoDate, text } from '../api-schemas.ts';
import { QUARTER } from './quarters.ts';

export const fidelityQuery = z.object({
  /** The programme whose sessions are counted, e.g. imagen-peru. */
  programmeId: text().min(1).max(200),
  /** The calendar quarter, e.g. 2026-Q4; the current one when left out. Quarters never overlap. */
  quarter: z
    .string()
    .regex(QUARTER, { error: 'must be a calendar quarter written as YYYY-Qn, e.g. 2026-Q4' })
    .optional()
    .meta({ description: 'Calendar quarter, e.g. 2026-Q4 (the current one when left out)' }),
  /** Refused (400 fixed_period): two free periods differenced would give one delivery's steps. */
  from: isoDate.optional().meta({ description: 'Refused: fidelity figures are per quarter (400 fixed_period)' }),
  /** Refused like `from`. */
  to: isoDate.optional().meta({ description: 'Refused: fidelity figures are per quarter (400 fixed_period)' }),
});

/** A share of deliveries, 0 to 1 with two decimals, or hidden with every figure of its unit. */
const shareCell = z.union([z.number().min(0).max(1), z.literal('oculto')]).meta({ id: 'Share' });

export const fidelityUnitSchema = z
  .object({
    /** Which unit the figures are for: the whole organisation or one region. */
    level: z.enum(['organisation', 'region']),
    /** The region's code; null for the organisation. */
    code: z.string().nullable(),
    /** Deliveries of the session in the quarter whose roll call says which steps were done. */
    deliveries: countCell,
    /** Per core step, in agenda order: how many of those deliveries did it, and their share. */
    steps: z.array(z.object({ index: z.int().min(0), done: countCell, share: shareCell })),
  })
  .meta({ id: 'FidelityUnit', description: 'A unit’s figures; all "oculto" when too few deliveries lie behind them' });

export const fidelityResponse = z
  .object({
    /** The programme asked for. */
    programmeId: z.string(),
    /** The quarter, and its first and last day. */
    quarter: z.string(),
    from: z.iso.date(),
    to: z.iso.date(),
    /** Figures from 1 up to this many deliveries are hidden (the organisation’s threshold). */
    hideUpTo: z.int(),
    /** Every session of the programme that has core steps, in curriculum order. */
    bySession: z.array(
      z.object({
        /** The session’s stable id. */
        sessionId: z.string(),
        /** The session’s title. */
        title: z.string(),
        /** Its core steps: 0-based agenda index and title. */
        coreSteps: z.array(z.object({ index: z.int().min(0), title: z.string() })),
        /** The organisation (admin only) and each region the reader may see. */
        units: z.array(fidelityUnitSchema),
      }),
    ),
  })
  .meta({
    id: 'Fidelity',
    description:
      'Share of deliveries that did each core step, per session and quarter, protected above the facilitator',
  });
