// Rules of a workshop manual's days: sessions name their day in teaching order, and each day's
// sessions fit the schedule its manual gives (leaders travel home by daylight).
import { dayScheduleIssues, type DayScheduleRule } from '../days.ts';
import { sessionsOfManual, type CurriculumInput } from './input.ts';
import type { ContentRule, RuleSummary } from './rule.ts';

export const dayOnEverySession: ContentRule<CurriculumInput> = {
  id: 'day-on-every-session',
  scope: 'curriculum',
  summary: {
    es: 'Si una sesión de un manual dice su día de taller, todas lo dicen.',
    en: 'If one session of a manual names its workshop day, all of them do.',
  },
  check: ({ curriculum }) =>
    curriculum.manuals.flatMap((manual) => {
      const own = sessionsOfManual(curriculum, manual.id);
      if (!own.some((s) => s.day !== undefined)) return [];
      return own
        .filter((s) => s.day === undefined)
        .map((s) => ({
          file: s.file,
          field: 'session.day',
          message:
            `the other sessions of manual "${manual.id}" say which workshop day they belong to — ` +
            'add day to this one too',
        }));
    }),
};

export const dayOrder: ContentRule<CurriculumInput> = {
  id: 'day-order',
  scope: 'curriculum',
  summary: {
    es: 'Los días de las sesiones siguen el orden del manual: ninguna vuelve a un día anterior.',
    en: "Sessions' days follow the manual's order: none goes back to an earlier day.",
  },
  check: ({ curriculum }) =>
    curriculum.manuals.flatMap((manual) => {
      const withDay = sessionsOfManual(curriculum, manual.id).filter((s) => s.day !== undefined);
      return withDay.flatMap((s, i) => {
        const previous = withDay[i - 1];
        if (previous?.day === undefined || s.day === undefined || s.day >= previous.day) return [];
        return [
          {
            file: s.file,
            field: 'session.day',
            message:
              `is day ${s.day} but comes after "${previous.id}" (day ${previous.day}) in the manual's order — ` +
              `fix the day or the order in ${manual.file}`,
          },
        ];
      });
    }),
};

/** One rule of days.ts's schedule check; skipped for a manual with a broken session (its minutes are unknown). */
const scheduleRule = (id: DayScheduleRule, summary: RuleSummary): ContentRule<CurriculumInput> => ({
  id,
  scope: 'curriculum',
  summary,
  check: ({ curriculum, broken }) =>
    curriculum.manuals
      .filter((manual) => !manual.sessions.some((s) => broken.session.has(s)))
      .flatMap((manual) =>
        dayScheduleIssues(manual.days, sessionsOfManual(curriculum, manual.id))
          .filter((issue) => issue.rule === id)
          .map((issue) => ({ file: manual.file, field: issue.field, message: issue.message })),
      ),
});

export const daysNeedSessionDays = scheduleRule('days-need-session-days', {
  es: 'Un manual con horario de días tiene sesiones que dicen su día.',
  en: 'A manual with a day schedule has sessions that name their day.',
});

export const dayHasSchedule = scheduleRule('day-has-schedule', {
  es: 'Cada día de taller con sesiones tiene su horario en el manual.',
  en: 'Every workshop day with sessions has its schedule in the manual.',
});

export const scheduleHasSessions = scheduleRule('schedule-has-sessions', {
  es: 'Cada día del horario tiene al menos una sesión.',
  en: 'Every day of the schedule has at least one session.',
});

export const dayFitsSchedule = scheduleRule('day-fits-schedule', {
  es: 'Las sesiones de un día caben en el horario de ese día.',
  en: "A day's sessions fit in that day's schedule.",
});
