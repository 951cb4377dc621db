import { z } from 'zod';

const clockPattern = /^([01]\d|2[0-3]):[0-5]\d$/;
const isClock = (time: string) => clockPattern.test(time);

/** A time of day as HH:MM on a 24-hour clock, e.g. "09:00" or "16:30". Quote it in YAML. */
export const clockTimeSchema = z
  .string({ error: 'must be a time in quotes, like "09:00"' })
  .regex(clockPattern, { error: 'must be a time written as HH:MM, like "09:00" or "16:30"' });

/** Minutes since midnight of a HH:MM time. */
export function minutesOfClock(time: string): number {
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

/** A stretch of teaching time in a workshop day; meals and travel fall between blocks. */
export const timeBlockSchema = z
  .object({
    /** When the block starts, "HH:MM". */
    from: clockTimeSchema,
    /** When the block ends, "HH:MM"; after `from`. */
    to: clockTimeSchema,
  })
  // Only once both times are well written: a malformed one has its own error already.
  .refine(
    (block) => !isClock(block.from) || !isClock(block.to) || minutesOfClock(block.to) > minutesOfClock(block.from),
    {
      error: 'ends before it starts — "to" must be later than "from"',
      path: ['to'],
      params: { rule: 'day-blocks-in-order' },
    },
  );

/** One workshop day's schedule: the blocks of time its sessions must fit in. */
export const dayScheduleSchema = z
  .object({
    /** The workshop day (1, 2, …), as the sessions' `day:` says it. */
    day: z.int().min(1).max(10),
    /** The teaching blocks in order, e.g. morning and afternoon; they may not overlap. */
    blocks: z.array(timeBlockSchema).min(1, { error: 'needs at least one block, like { from: "09:00", to: "13:00" }' }),
  })
  .superRefine((schedule, ctx) => {
    schedule.blocks.forEach((block, i) => {
      const previous = schedule.blocks[i - 1];
      if (previous && minutesOfClock(block.from) < minutesOfClock(previous.to))
        ctx.addIssue({
          code: 'custom',
          path: ['blocks', i, 'from'],
          params: { rule: 'day-blocks-in-order' },
          message:
            `starts at ${block.from}, before the block above ends (${previous.to}) — ` +
            'put the blocks in order without overlap',
        });
    });
  });

export type DaySchedule = z.output<typeof dayScheduleSchema>;

/** Teaching minutes a day's schedule offers: the sum of its blocks. */
export function minutesOfDay(schedule: DaySchedule): number {
  return schedule.blocks.reduce((sum, b) => sum + minutesOfClock(b.to) - minutesOfClock(b.from), 0);
}
