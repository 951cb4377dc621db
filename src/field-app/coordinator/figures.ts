import type { Kysely } from 'kysely';
import type { DatabaseTables } from '../../attendance/db/tables.ts';
import type { CurriculumIndex } from '../../attendance/curriculum-index.ts';
import { listActivities } from '../../attendance/activities/activity.service.ts';
import { readIndicators } from '../../attendance/indicators/read-indicators.ts';
import { listRegions } from '../../attendance/organisation/organisation.service.ts';
import type { Principal } from '../../attendance/principal.ts';
import type { Bar } from './charts.ts';

/** How many months the mobilisation chart covers, the current one included. */
export const MONTHS = 12;

/**
 * What the coordinator page shows, from the same services as /api/v1/indicators and
 * /api/v1/activities: scoped to the signed-in person, suppressed above the facilitator level.
 */
/** The funnel's bar labels, from content/i18n/ (`tejido.coordinator.*`): the page passes its `t()`'s. */
export interface FunnelLabels {
  /** The page's language (BCP 47): the months are named in it. */
  lang: string;
  enrolled: string;
  came: string;
  completed: (minSessions: number, countedSessions: number) => string;
}

export async function coordinatorFigures(
  db: Kysely<DatabaseTables>,
  principal: Principal,
  curriculum: CurriculumIndex,
  programmeId: string,
  labels: FunnelLabels,
  today = new Date(),
) {
  const indicators = await readIndicators(db, principal, curriculum, { programmeId }, null);
  const { minSessions, countedSessions } = indicators.programme.completionRule;
  const funnel: Bar[] = [
    { label: labels.enrolled, value: indicators.total.enrolled },
    { label: labels.came, value: indicators.total.attendedAtLeastOne },
    { label: labels.completed(minSessions, countedSessions), value: indicators.total.completed },
  ];

  const months = lastMonths(today, MONTHS);
  const activities = await listActivities(db, principal, { from: `${months[0]}-01` });
  const reached = new Map(months.map((m) => [m, 0]));
  for (const a of activities) {
    const month = a.heldOn.slice(0, 7);
    if (reached.has(month))
      reached.set(
        month,
        (reached.get(month) ?? 0) + a.reached.women + a.reached.men + a.reached.girls + a.reached.boys,
      );
  }
  // People reached at public events are counts of an audience, not records about the programme's
  // women: shown as they are (the activity list gives them one by one anyway).
  const monthly: Bar[] = months.map((m) => ({ label: monthLabel(m, labels.lang), value: reached.get(m) ?? 0 }));

  return {
    programme: indicators.programme,
    regions: await listRegions(db, principal),
    suppressed: indicators.suppressed,
    funnel,
    monthly,
    period: { from: months[0] ?? '', to: months.at(-1) ?? '' },
  };
}

/** "YYYY-MM" of the last `count` months, oldest first, ending with today's month (UTC). */
export function lastMonths(today: Date, count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - (count - 1 - i), 1));
    return d.toISOString().slice(0, 7);
  });
}

/** A month's short name in `lang` ("ene", "Jan"), without the abbreviation's dot. */
const monthLabel = (month: string, lang: string) =>
  new Date(`${month}-15T12:00:00Z`).toLocaleString(lang, { month: 'short', timeZone: 'UTC' }).replace('.', '');
