import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { DatabaseTables } from '../db/tables.ts';
import { leaderTrained } from '../workshops/trained.ts';
import { attendancePerBankForRules } from './kept-attendance.ts';
import type { AttendanceCounts } from './figures.ts';

export { attendancePerBankForRules };

type Db = Kysely<DatabaseTables>;
type BanksEb = ExpressionBuilder<DatabaseTables & { banks: DatabaseTables['banks'] }, 'banks'>;
/** Which banks to count: a condition on `banks`, e.g. a caller's scope or a whole organisation. */
export type BankCondition = (eb: BanksEb) => ReturnType<BanksEb['and']>;
export interface Period {
  from?: string;
  to?: string;
}
export interface CompletionRule {
  minSessions: number;
  countedSessionIds: string[];
}

/**
 * The SQL behind every indicator, one figure per bank: a member, a workshop place and an activity
 * belong to exactly one bank, so bank figures add up to regions and to the organisation.
 * PostgreSQL returns count() and sum() as strings (bigint/numeric); Number() evens that out.
 */
export async function enrolledPerBank(db: Db, banks: BankCondition, period: Period) {
  // Grouped by members.bank_id, the banks a list to seek by: members are read in their bank index's
  // order and counted bank by bank. As a join grouped by banks.id, SQLite sorted 100,000 rows first.
  const rows = await db
    .selectFrom('members')
    .select((eb) => ['members.bankId', eb.fn.countAll<number>().as('n')])
    .where('members.bankId', 'in', (eb) => eb.selectFrom('banks').select('banks.id').where(banks))
    .$if(Boolean(period.to), (q) => q.where('members.enrolledOn', '<=', period.to ?? ''))
    .groupBy('members.bankId')
    .execute();
  return new Map(rows.map((r) => [r.bankId, Number(r.n)]));
}

/**
 * Members who came to at least one counted session, and those who came to enough to complete.
 * Sessions attended per member are distinct session ids, so a make-up meeting of the same
 * session does not count twice. Over the whole programme to date (every figure above the
 * facilitator) they are read from member_sessions, kept with each roll call (member-sessions.ts),
 * counting again only the banks written since the last read (kept-attendance.ts);
 * a chosen period (the facilitator's own banks) needs the meetings' dates, so it is counted from
 * attendance (`sessionsPerMemberInPeriod`). Both give the same figures (test/attendance/indicators-equal.test.ts).
 */
export async function attendancePerBank(db: Db, banks: BankCondition, rule: CompletionRule, period: Period) {
  if (!(period.from || period.to)) return (await attendancePerBankForRules(db, banks, [rule]))[0] ?? new Map();
  const out = new Map<string, AttendanceCounts>();
  if (!rule.countedSessionIds.length) return out;
  const rows = await db
    .selectFrom(sessionsPerMemberInPeriod(db, banks, rule, period))
    .select((eb) => [
      'per_member.bankId',
      eb.fn.countAll<number>().as('attended'),
      eb.fn
        .sum<number>(eb.case().when('per_member.sessions', '>=', rule.minSessions).then(1).else(0).end())
        .as('completed'),
    ])
    .groupBy('per_member.bankId')
    .execute();
  for (const r of rows)
    out.set(r.bankId, { attendedAtLeastOne: Number(r.attended), completed: Number(r.completed ?? 0) });
  return out;
}

/** Counted sessions per member in a period, from the marks and their meetings' dates. */
function sessionsPerMemberInPeriod(db: Db, banks: BankCondition, rule: CompletionRule, period: Period) {
  return db
    .selectFrom('attendance')
    .innerJoin('deliveries', 'deliveries.id', 'attendance.deliveryId')
    .innerJoin('banks', 'banks.id', 'deliveries.bankId')
    .select((eb) => [
      'banks.id as bankId',
      'attendance.memberId',
      eb.fn.count<number>('deliveries.sessionId').distinct().as('sessions'),
    ])
    .where('attendance.present', '=', 1)
    .where('deliveries.sessionId', 'in', rule.countedSessionIds)
    .where(banks)
    .$if(Boolean(period.from), (q) => q.where('deliveries.deliveredOn', '>=', period.from ?? ''))
    .$if(Boolean(period.to), (q) => q.where('deliveries.deliveredOn', '<=', period.to ?? ''))
    .groupBy(['banks.id', 'attendance.memberId'])
    .as('per_member');
}

export async function leadersPerBank(db: Db, banks: BankCondition, period: Period) {
  const rows = await db
    .selectFrom('workshopParticipants as wp')
    .innerJoin('workshops', 'workshops.id', 'wp.workshopId')
    .innerJoin('members', 'members.id', 'wp.memberId')
    .innerJoin('banks', 'banks.id', 'members.bankId')
    .select((eb) => ['banks.id as bankId', eb.fn.count<number>('wp.memberId').distinct().as('n')])
    .where(leaderTrained)
    .where(banks)
    .$if(Boolean(period.from), (q) => q.where('workshops.startsOn', '>=', period.from ?? ''))
    .$if(Boolean(period.to), (q) => q.where('workshops.startsOn', '<=', period.to ?? ''))
    .groupBy('banks.id')
    .execute();
  return new Map(rows.map((r) => [r.bankId, Number(r.n)]));
}

/** Activities and people reached at them: counts of public events, not of the programme's women. */
export async function eventsPerBank(db: Db, banks: BankCondition, period: Period) {
  const rows = await db
    .selectFrom('activities')
    .innerJoin('banks', 'banks.id', 'activities.bankId')
    .select((eb) => [
      'banks.id as bankId',
      eb.fn.countAll<number>().as('n'),
      eb.fn
        .sum<number>(
          sql.join(
            (['reachedWomen', 'reachedMen', 'reachedGirls', 'reachedBoys'] as const).map((c) =>
              eb.ref(`activities.${c}`),
            ),
            sql` + `,
          ),
        )
        .as('people'),
    ])
    .where(banks)
    .$if(Boolean(period.from), (q) => q.where('activities.heldOn', '>=', period.from ?? ''))
    .$if(Boolean(period.to), (q) => q.where('activities.heldOn', '<=', period.to ?? ''))
    .groupBy('banks.id')
    .execute();
  return new Map(rows.map((r) => [r.bankId, { activities: Number(r.n), peopleReached: Number(r.people ?? 0) }]));
}

/**
 * How many distinct counted sessions each bank delivered: what the delivery list shows anyone
 * who may read the bank, and so what an attacker knows of where a woman could have completed.
 */
export async function sessionsDeliveredPerBank(db: Db, banks: BankCondition, countedSessionIds: string[]) {
  if (!countedSessionIds.length) return new Map<string, number>();
  // As enrolledPerBank: grouped by the deliveries' bank index, in its order, with no sort of the join.
  const rows = await db
    .selectFrom('deliveries')
    .select((eb) => ['deliveries.bankId', eb.fn.count<number>('deliveries.sessionId').distinct().as('n')])
    .where('deliveries.sessionId', 'in', countedSessionIds)
    .where('deliveries.bankId', 'in', (eb) => eb.selectFrom('banks').select('banks.id').where(banks))
    .groupBy('deliveries.bankId')
    .execute();
  return new Map(rows.map((r) => [r.bankId, Number(r.n)]));
}
