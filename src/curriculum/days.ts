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

/** The day rules, by the ids the rule registry (src/curriculum/rules/days.ts) reports them under. */
export type DayScheduleRule =
  'days-need-session-days' | 'day-has-schedule' | 'schedule-has-sessions' | 'day-fits-schedule';

/** A broken day rule: which one, the field of the manual's `manual:` block and what to do. */
export interface DayScheduleIssue {
  rule: DayScheduleRule;
  field: string;
  message: string;
}

/**
 * Rules of a workshop manual's days: sessions with days ⇒ every day has a schedule, every
 * schedule has sessions, and a day's sessions fit in its schedule (leaders travel home by daylight).
 */
export function dayScheduleIssues(
  schedules: readonly DaySchedule[] | undefined,
  sessions: readonly { day?: number; durationMinutes: number }[],
): DayScheduleIssue[] {
  const issues: DayScheduleIssue[] = [];
  const days = workshopDays(schedules, sessions);
  if (schedules && !sessions.some((s) => s.day !== undefined))
    return [
      {
        rule: 'days-need-session-days',
        field: 'manual.days',
        message: 'its sessions have no day — remove days, or give each session a day:',
      },
    ];
  const missing = days.filter((d) => d.schedule === undefined);
  const [first] = missing;
  if (first) {
    const many = missing.length > 1;
    issues.push({
      rule: 'day-has-schedule',
      field: 'manual.days',
      message:
        `day${many ? 's' : ''} ${missing.map((d) => d.day).join(', ')} ${many ? 'have' : 'has'} ` +
        'sessions but no schedule — ' +
        `add { day: ${first.day}, blocks: [{ from: "09:00", to: "13:00" }] }${many ? ' for each' : ''}`,
    });
  }
  for (const d of days) {
    if (d.index === undefined || d.available === undefined) continue;
    const field = `manual.days[${d.index}]`;
    if (d.sessions.length === 0)
      issues.push({
        rule: 'schedule-has-sessions',
        field,
        message: `day ${d.day} has no sessions — remove its schedule or give sessions day: ${d.day}`,
      });
    else if (d.minutes > d.available)
      issues.push({
        rule: 'day-fits-schedule',
        field,
        message:
          `day ${d.day} needs ${d.minutes} minutes but its schedule has ${d.available} — ` +
          `${d.minutes - d.available} minutes over; shorten a session or lengthen the day`,
      });
  }
  return issues;
}
