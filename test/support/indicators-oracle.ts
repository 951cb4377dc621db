import type { Kysely } from 'kysely';
import type { DatabaseTables } from '../../src/attendance/db/tables.ts';
import type { BankCondition, CompletionRule, Period } from '../../src/attendance/indicators/bank-counts.ts';

type Db = Kysely<DatabaseTables>;

// The indicators' attendance query as it was before member_sessions (migration 0012), kept
// word for word as the oracle the new query is compared with (test/attendance/indicators-equal.test.ts).
/** Members who came to at least one counted session, and those who came to enough to complete. */
export async function attendancePerBankBefore0012(db: Db, banks: BankCondition, rule: CompletionRule, period: Period) {
  const out = new Map<string, { attendedAtLeastOne: number; completed: number }>();
  if (!rule.countedSessionIds.length) return out;
  // Sessions attended per member: distinct session ids, so a make-up delivery of the same
  // session does not count twice.
  const perMember = db
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
  const rows = await db
    .selectFrom(perMember)
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
