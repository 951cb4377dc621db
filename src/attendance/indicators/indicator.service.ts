import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DatabaseTables } from '../db/tables.ts';
import { ApiError } from '../errors.ts';
import { seesIndividuals, type Principal } from '../principal.ts';
import { banksReadableBy } from '../scope.ts';
import type { CurriculumIndex } from '../curriculum-index.ts';
import type { indicatorsQuery } from '../api-schemas.ts';
import {
  attendancePerBank,
  enrolledPerBank,
  eventsPerBank,
  leadersPerBank,
  type BankCondition,
} from './bank-counts.ts';
import { readOrganisationFigures } from '../disclosure/organisation-figures.ts';
import { protect } from '../disclosure/protect.ts';
import { sumFigures, type PersonFigures } from '../disclosure/person-figures.ts';
import {
  addCells,
  type AttendanceCounts,
  eventNames,
  hiddenPersons,
  personNames,
  zeroEvents,
  zeroPersons,
  type EventCells,
  type FigureCells,
  type PersonCells,
} from './figures.ts';
import { mayChooseDates } from '../disclosure/periods.ts';
import { readsOf } from '../db/reads.ts';

type Db = Kysely<DatabaseTables>;
export type IndicatorsFilter = z.output<typeof indicatorsQuery>;
// Re-exported for the office pages, which read them from here.
export { figureNames, type FigureCells } from './figures.ts';

interface Group {
  id: string;
  code: string;
  figures: FigureCells;
}

/**
 * The programme's indicators for the banks the caller may read, narrowed by region and bank.
 * The bank's facilitator gets exact figures for any period. Above her, counts of women come from
 * one protected table of the whole organisation (disclosure/protect.ts) over the programme to
 * date: each total or row is a unit of that table, shown or hidden as a whole.
 */
export async function computeIndicators(
  main: Db,
  actor: Principal,
  curriculum: CurriculumIndex,
  filter: IndicatorsFilter,
) {
  // Every query here only reads: on SQLite they run on the read worker, so phones keep syncing (db/reads.ts).
  const db = readsOf(main);
  const programme = curriculum.programmes.get(filter.programmeId);
  if (!programme)
    throw new ApiError('unprocessable', `There is no programme with the id "${filter.programmeId}".`, {
      field: 'programmeId',
    });
  const suppress = !seesIndividuals(actor);
  if (!mayChooseDates(actor) && (filter.from || filter.to)) {
    throw new ApiError(
      'fixed_period',
      'Above the facilitator, figures about women cover the whole programme to date: a free ' +
        'period would let one woman be worked out by comparing two periods. Leave out from and to.',
      {
        field: filter.from ? 'from' : 'to',
      },
    );
  }
  const banks = await db
    .selectFrom('banks')
    .select(['banks.id', 'banks.code', 'banks.regionId'])
    .where(banksReadableBy(actor))
    .$if(Boolean(filter.regionId), (q) => q.where('banks.regionId', '=', filter.regionId ?? ''))
    .$if(Boolean(filter.bankId), (q) => q.where('banks.id', '=', filter.bankId ?? ''))
    .orderBy('banks.code')
    .execute();
  const scoped: BankCondition = (eb) =>
    eb.and([
      banksReadableBy(actor)(eb),
      ...(filter.regionId ? [eb('banks.regionId', '=', filter.regionId)] : []),
      ...(filter.bankId ? [eb('banks.id', '=', filter.bankId)] : []),
    ]);
  const events = banks.length ? await eventsPerBank(db, scoped, filter) : new Map<string, EventCells>();
  const eventsOf = (ids: string[]) =>
    ids.reduce<EventCells>((acc, id) => addCells(eventNames, acc, events.get(id) ?? zeroEvents()), zeroEvents());

  const view = suppress
    ? await protectedView(
        db,
        actor,
        curriculum,
        filter,
        banks.map((b) => b.id),
      )
    : await exactView(db, scoped, programme, filter, banks.length > 0);
  const groups = await groupsOf(db, filter, banks, view, eventsOf);

  return {
    programme: {
      id: filter.programmeId,
      title: programme.title,
      completionRule: {
        manual: programme.completionManual,
        minSessions: programme.minSessions,
        countedSessions: programme.countedSessionIds.length,
      },
    },
    suppressed: suppress,
    total: { ...view.total(banks.map((b) => b.id)), ...eventsOf(banks.map((b) => b.id)) },
    ...(groups ? { groups } : {}),
  };
}

interface View {
  total: (bankIds: string[]) => PersonCells;
  bank: (bankId: string) => PersonCells;
  region: (regionId: string, bankIds: string[]) => PersonCells;
}

async function groupsOf(
  db: Db,
  filter: IndicatorsFilter,
  banks: { id: string; code: string; regionId: string }[],
  view: View,
  eventsOf: (ids: string[]) => EventCells,
) {
  let groups: Group[] | undefined;
  if (filter.groupBy === 'bank') {
    groups = banks.map((b) => ({ id: b.id, code: b.code, figures: { ...view.bank(b.id), ...eventsOf([b.id]) } }));
  } else if (filter.groupBy === 'region') {
    const regionIds = [...new Set(banks.map((b) => b.regionId))];
    const regions = regionIds.length
      ? await db.selectFrom('regions').select(['id', 'code']).where('id', 'in', regionIds).execute()
      : [];
    groups = regions.map((r) => {
      const ids = banks.filter((b) => b.regionId === r.id).map((b) => b.id);
      return { id: r.id, code: r.code, figures: { ...view.region(r.id, ids), ...eventsOf(ids) } };
    });
  }
  return groups?.sort((a, b) => a.code.localeCompare(b.code));
}

/** The facilitator's own banks: exact counts, any period. */
async function exactView(
  db: Db,
  scoped: BankCondition,
  programme: { minSessions: number; countedSessionIds: string[] },
  filter: IndicatorsFilter,
  any: boolean,
): Promise<View> {
  const [enrolled, attendance, leaders] = any
    ? await Promise.all([
        enrolledPerBank(db, scoped, filter),
        attendancePerBank(db, scoped, programme, filter),
        leadersPerBank(db, scoped, filter),
      ])
    : [new Map<string, number>(), new Map<string, AttendanceCounts>(), new Map<string, number>()];
  // Where each count of one bank comes from; a set of banks adds them up, name by name.
  const ofBank = (id: string) => ({
    enrolled: enrolled.get(id) ?? 0,
    attendedAtLeastOne: attendance.get(id)?.attendedAtLeastOne ?? 0,
    completed: attendance.get(id)?.completed ?? 0,
    leadersTrained: leaders.get(id) ?? 0,
  });
  const sum = (ids: string[]): PersonCells =>
    ids.reduce((acc, id) => addCells(personNames, acc, ofBank(id)), zeroPersons());
  return { total: sum, bank: (id) => sum([id]), region: (_, ids) => sum(ids) };
}

/**
 * Above the facilitator: each figure is a unit of the organisation's protected table. The total
 * is the unit the filters name: a bank, a region, the coordinator's region or the organisation.
 */
async function protectedView(
  db: Db,
  actor: Principal,
  curriculum: CurriculumIndex,
  filter: IndicatorsFilter,
  scopedBankIds: string[],
): Promise<View> {
  const table = await readOrganisationFigures(db, actor.organisationId, curriculum);
  const protection = protect(table, curriculum.disclosure);
  const byId = new Map(table.banks.map((b) => [b.id, b]));
  const cells = (figures: PersonFigures, hidden: boolean): PersonCells => {
    if (hidden) return hiddenPersons();
    const p = figures.programmes[filter.programmeId] ?? { attendedAtLeastOne: 0, completed: 0 };
    return {
      enrolled: figures.enrolled,
      attendedAtLeastOne: p.attendedAtLeastOne,
      completed: p.completed,
      leadersTrained: figures.leadersTrained,
    };
  };
  const none = cells(sumFigures([], table.programmeIds), false);
  const bank = (id: string) => {
    const b = byId.get(id);
    return b ? cells(b.figures, protection.hiddenBanks.has(id)) : none;
  };
  const region = (regionId: string) =>
    cells(
      sumFigures(
        table.banks.filter((b) => b.regionId === regionId).map((b) => b.figures),
        table.programmeIds,
      ),
      protection.hiddenRegions.has(regionId),
    );
  const organisation = () =>
    cells(
      sumFigures(
        table.banks.map((b) => b.figures),
        table.programmeIds,
      ),
      protection.organisationHidden,
    );
  return {
    bank,
    // A region row holds the banks in scope: with a bank filter, that one bank.
    region: (regionId) => (filter.bankId ? bank(filter.bankId) : region(regionId)),
    total: () => {
      // An empty scope (a bank or region out of reach) is the empty set: zero women.
      if (!scopedBankIds.length) return none;
      if (filter.bankId) return bank(filter.bankId);
      const regionId = filter.regionId ?? (actor.role === 'coordinator' ? actor.regionId : undefined);
      return regionId ? region(regionId) : organisation();
    },
  };
}
