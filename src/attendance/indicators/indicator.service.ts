import { sql, type Kysely } from 'kysely';
import type { z } from 'zod';
import type { DatabaseTables } from '../db/tables.ts';
import { ApiError } from '../errors.ts';
import { seesIndividuals, type Principal } from '../principal.ts';
import { banksReadableBy } from '../scope.ts';
import type { CurriculumIndex } from '../curriculum-index.ts';
import type { indicatorsQuery } from '../api-schemas.ts';
import { suppressAll, suppressRows, type RowCell } from './suppression.ts';
import { leaderTrained } from '../workshops/trained.ts';

type Db = Kysely<DatabaseTables>;
export type IndicatorsFilter = z.output<typeof indicatorsQuery>;

export interface Figures {
  enrolled: number;
  attendedAtLeastOne: number;
  completed: number;
  leadersTrained: number;
  activities: number;
  peopleReached: number;
}

const zero = (): Figures => ({ enrolled: 0, attendedAtLeastOne: 0, completed: 0, leadersTrained: 0, activities: 0, peopleReached: 0 });

/**
 * The programme's indicators for the banks the caller may read, narrowed by region, bank and
 * period. Each figure is counted per bank in SQL (a member, a workshop place and an activity
 * belong to exactly one bank, so bank figures add up to regions and totals), then suppressed
 * once for callers above the facilitator level.
 */
export async function computeIndicators(db: Db, actor: Principal, curriculum: CurriculumIndex, filter: IndicatorsFilter) {
  const programme = curriculum.programmes.get(filter.programmeId);
  if (!programme) throw new ApiError('unprocessable', `There is no programme with the id "${filter.programmeId}".`, { field: 'programmeId' });

  const banks = await db
    .selectFrom('banks')
    .select(['banks.id', 'banks.code', 'banks.regionId'])
    .where(banksReadableBy(actor))
    .$if(Boolean(filter.regionId), (q) => q.where('banks.regionId', '=', filter.regionId ?? ''))
    .$if(Boolean(filter.bankId), (q) => q.where('banks.id', '=', filter.bankId ?? ''))
    .execute();
  const perBank = new Map(banks.map((b) => [b.id, zero()]));
  if (banks.length) await countPerBank(db, actor, filter, programme, perBank);

  const suppress = !seesIndividuals(actor);
  const sum = (ids: string[]) =>
    ids.reduce((acc, id) => {
      const f = perBank.get(id) ?? zero();
      for (const k of Object.keys(acc) as (keyof Figures)[]) acc[k] += f[k];
      return acc;
    }, zero());

  let groups: { id: string; code: string; figures: Record<keyof Figures, RowCell> }[] | undefined;
  if (filter.groupBy === 'bank') {
    const figures = suppressRows(banks.map((b) => sum([b.id])), suppress);
    groups = banks.map((b, i) => ({ id: b.id, code: b.code, figures: figures[i]! }));
  } else if (filter.groupBy === 'region') {
    const regionIds = [...new Set(banks.map((b) => b.regionId))];
    const regions = regionIds.length ? await db.selectFrom('regions').select(['id', 'code']).where('id', 'in', regionIds).execute() : [];
    const figures = suppressRows(regions.map((r) => sum(banks.filter((b) => b.regionId === r.id).map((b) => b.id))), suppress);
    groups = regions.map((r, i) => ({ id: r.id, code: r.code, figures: figures[i]! }));
  }
  groups?.sort((a, b) => a.code.localeCompare(b.code));

  return {
    programme: {
      id: filter.programmeId,
      title: programme.title,
      completionRule: { manual: programme.completionManual, minSessions: programme.minSessions, countedSessions: programme.countedSessionIds.length },
    },
    suppressed: suppress,
    total: suppressAll(sum(banks.map((b) => b.id)), suppress),
    ...(groups ? { groups } : {}),
  };
}

async function countPerBank(
  db: Db,
  actor: Principal,
  filter: IndicatorsFilter,
  programme: { minSessions: number; countedSessionIds: string[] },
  perBank: Map<string, Figures>,
) {
  const bankFilter = (eb: Parameters<ReturnType<typeof banksReadableBy>>[0]) =>
    eb.and([
      banksReadableBy(actor)(eb),
      ...(filter.regionId ? [eb('banks.regionId', '=', filter.regionId)] : []),
      ...(filter.bankId ? [eb('banks.id', '=', filter.bankId)] : []),
    ]);

  const enrolled = await db
    .selectFrom('members')
    .innerJoin('banks', 'banks.id', 'members.bankId')
    .select((eb) => ['banks.id as bankId', eb.fn.countAll<number>().as('n')])
    .where(bankFilter)
    .$if(Boolean(filter.to), (q) => q.where('members.enrolledOn', '<=', filter.to ?? ''))
    .groupBy('banks.id')
    .execute();
  for (const r of enrolled) set(perBank, r.bankId, 'enrolled', r.n);

  if (programme.countedSessionIds.length) {
    // Sessions attended per member: distinct session ids, so a make-up delivery of the same
    // session does not count twice.
    const perMember = db
      .selectFrom('attendance')
      .innerJoin('deliveries', 'deliveries.id', 'attendance.deliveryId')
      .innerJoin('banks', 'banks.id', 'deliveries.bankId')
      .select((eb) => ['banks.id as bankId', 'attendance.memberId', eb.fn.count<number>('deliveries.sessionId').distinct().as('sessions')])
      .where('attendance.present', '=', 1)
      .where('deliveries.sessionId', 'in', programme.countedSessionIds)
      .where(bankFilter)
      .$if(Boolean(filter.from), (q) => q.where('deliveries.deliveredOn', '>=', filter.from ?? ''))
      .$if(Boolean(filter.to), (q) => q.where('deliveries.deliveredOn', '<=', filter.to ?? ''))
      .groupBy(['banks.id', 'attendance.memberId'])
      .as('per_member');
    const attended = await db
      .selectFrom(perMember)
      .select((eb) => [
        'per_member.bankId',
        eb.fn.countAll<number>().as('attended'),
        eb.fn.sum<number>(eb.case().when('per_member.sessions', '>=', programme.minSessions).then(1).else(0).end()).as('completed'),
      ])
      .groupBy('per_member.bankId')
      .execute();
    for (const r of attended) {
      set(perBank, r.bankId, 'attendedAtLeastOne', r.attended);
      set(perBank, r.bankId, 'completed', r.completed);
    }
  }

  const trained = await db
    .selectFrom('workshopParticipants as wp')
    .innerJoin('workshops', 'workshops.id', 'wp.workshopId')
    .innerJoin('members', 'members.id', 'wp.memberId')
    .innerJoin('banks', 'banks.id', 'members.bankId')
    .select((eb) => ['banks.id as bankId', eb.fn.count<number>('wp.memberId').distinct().as('n')])
    .where(leaderTrained)
    .where(bankFilter)
    .$if(Boolean(filter.from), (q) => q.where('workshops.startsOn', '>=', filter.from ?? ''))
    .$if(Boolean(filter.to), (q) => q.where('workshops.startsOn', '<=', filter.to ?? ''))
    .groupBy('banks.id')
    .execute();
  for (const r of trained) set(perBank, r.bankId, 'leadersTrained', r.n);

  const activities = await db
    .selectFrom('activities')
    .innerJoin('banks', 'banks.id', 'activities.bankId')
    .select((eb) => [
      'banks.id as bankId',
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>(sql`${eb.ref('activities.reachedWomen')} + ${eb.ref('activities.reachedMen')} + ${eb.ref('activities.reachedGirls')} + ${eb.ref('activities.reachedBoys')}`).as('people'),
    ])
    .where(bankFilter)
    .$if(Boolean(filter.from), (q) => q.where('activities.heldOn', '>=', filter.from ?? ''))
    .$if(Boolean(filter.to), (q) => q.where('activities.heldOn', '<=', filter.to ?? ''))
    .groupBy('banks.id')
    .execute();
  for (const r of activities) {
    set(perBank, r.bankId, 'activities', r.n);
    set(perBank, r.bankId, 'peopleReached', r.people);
  }
}

/** PostgreSQL returns count() and sum() as strings (bigint/numeric); SQLite as numbers. */
function set(perBank: Map<string, Figures>, bankId: string, key: keyof Figures, value: number | string | null) {
  const figures = perBank.get(bankId);
  if (figures) figures[key] = Number(value ?? 0);
}
