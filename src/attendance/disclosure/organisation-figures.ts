import type { Kysely } from 'kysely';
import type { DatabaseTables } from '../db/tables.ts';
import type { CurriculumIndex } from '../curriculum-index.ts';
import {
  attendancePerBankForRules,
  enrolledPerBank,
  leadersPerBank,
  sessionsDeliveredPerBank,
  type BankCondition,
} from '../indicators/bank-counts.ts';
import type { OrganisationFigures } from './protect.ts';
import type { AttendanceCounts } from '../indicators/figures.ts';

export interface OrganisationUnits {
  banks: { id: string; code: string; regionId: string }[];
  regions: { id: string; code: string }[];
}

/**
 * Every bank's counts of women in the whole organisation, for every programme, over the whole
 * programme to date. Protection is decided on this one table whoever asks, so the coordinator of
 * one region, another coordinator and the admin all see parts of the same published table:
 * putting their views side by side gives nothing the table does not.
 */
export async function readOrganisationFigures(
  db: Kysely<DatabaseTables>,
  organisationId: string,
  curriculum: CurriculumIndex,
): Promise<OrganisationFigures & OrganisationUnits> {
  const inOrganisation: BankCondition = (eb) => eb.and([eb('banks.organisationId', '=', organisationId)]);
  const [banks, regions, enrolled, leaders] = await Promise.all([
    db
      .selectFrom('banks')
      .select(['id', 'code', 'regionId'])
      .where('organisationId', '=', organisationId)
      .orderBy('code')
      .execute(),
    db
      .selectFrom('regions')
      .select(['id', 'code'])
      .where('organisationId', '=', organisationId)
      .orderBy('code')
      .execute(),
    enrolledPerBank(db, inOrganisation, {}),
    leadersPerBank(db, inOrganisation, {}),
  ]);
  const programmeIds = [...curriculum.programmes.keys()];
  const rules = programmeIds.map((id) => curriculum.programmes.get(id) ?? { minSessions: 1, countedSessionIds: [] });
  // Every programme's attendance in one pass over member_sessions (bank-counts.ts).
  const [attendance, delivered] = await Promise.all([
    attendancePerBankForRules(db, inOrganisation, rules),
    Promise.all(rules.map((rule) => sessionsDeliveredPerBank(db, inOrganisation, rule.countedSessionIds))),
  ]);
  const perProgramme = programmeIds.map((id, i) => ({
    id,
    rule: rules[i] ?? { minSessions: 1, countedSessionIds: [] },
    attendance: attendance[i] ?? new Map<string, AttendanceCounts>(),
    delivered: delivered[i] ?? new Map<string, number>(),
  }));
  return {
    programmeIds,
    regionIds: regions.map((r) => r.id),
    regions,
    banks: banks.map((b) => ({
      ...b,
      figures: {
        enrolled: enrolled.get(b.id) ?? 0,
        leadersTrained: leaders.get(b.id) ?? 0,
        programmes: Object.fromEntries(
          perProgramme.map((p) => [p.id, p.attendance.get(b.id) ?? { attendedAtLeastOne: 0, completed: 0 }]),
        ),
      },
      // Per programme: 0 no counted session delivered, 1 some, 2 enough to complete.
      capability: perProgramme
        .map((p) => {
          const n = p.delivered.get(b.id) ?? 0;
          return n === 0 ? '0' : n >= p.rule.minSessions ? '2' : '1';
        })
        .join(''),
    })),
  };
}
