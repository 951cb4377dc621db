import { minutesOfDay, type DaySchedule } from './schemas/day-schedule.ts';

/** What a workshop day needs against what it has: one row of the manual page's schedule table. */
export interface WorkshopDay<S> {
  day: number;
  /** The day's sessions, in the order given. */
  sessions: S[];
  /** Minutes the day's sessions add up to. */
  minutes: number;
  /** The day's schedule from the manual, when declared. */
  schedule?: DaySchedule;
  /** Its position in the manual's `days` list (for error paths). */
  index?: number;
  /** Teaching minutes the schedule offers; undefined without a schedule. */
  available?: number;
}

/**
 * The workshop days of a manual: every day its sessions name or its schedule declares, in day
 * order. Both the build rule (a day must fit its schedule) and the manual page read this.
 */
export function workshopDays<S extends { day?: number; durationMinutes: number }>(
  schedules: readonly DaySchedule[] | undefined,
  sessions: readonly S[],
): WorkshopDay<S>[] {
  const numbers = new Set<number>([
    ...sessions.flatMap((s) => (s.day === undefined ? [] : [s.day])),
    ...(schedules ?? []).map((d) => d.day),
  ]);
  return [...numbers]
    .sort((a, b) => a - b)
    .map((day) => {
      const own = sessions.filter((s) => s.day === day);
      const index = schedules?.findIndex((d) => d.day === day) ?? -1;
      const schedule = index >= 0 ? schedules?.[index] : undefined;
      return {
        day,
        sessions: own,
        minutes: own.reduce((sum, s) => sum + s.durationMinutes, 0),
        schedule,
        index: index >= 0 ? index : undefined,
        available: schedule ? minutesOfDay(schedule) : undefined,
      };
    });
}
