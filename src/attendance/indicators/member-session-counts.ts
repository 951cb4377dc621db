import { sql, type Kysely } from 'kysely';
import type { DatabaseTables } from '../db/tables.ts';
import type { BankCondition, CompletionRule } from './bank-counts.ts';
import type { AttendanceCounts } from './figures.ts';

type Db = Kysely<DatabaseTables>;

/**
 * The same figures over the whole programme to date for several rules at once (every programme
 * of the organisation, disclosure/organisation-figures.ts), in one pass over member_sessions: per
 * member, one count of sessions per rule (`s0`, `s1`, …), then per bank who has at least one
 * and who has enough. Grouped by the table's key columns, in key order, so both databases read
 * the key in order without sorting (test/attendance/indicator-plans.test.ts). The banks are a
 * list to seek the key by, bank after bank: as a join, SQLite sorted instead.
 */
export async function recountAttendancePerBank(db: Db, banks: BankCondition, rules: readonly CompletionRule[]) {
  const out = rules.map(() => new Map<string, AttendanceCounts>());
  const sessions = [...new Set(rules.flatMap((r) => r.countedSessionIds))];
  const counting = rules.map((rule, i) => ({ rule, i })).filter(({ rule }) => rule.countedSessionIds.length > 0);
  if (!sessions.length) return out;
  const perMember = db
    .selectFrom('memberSessions')
    .select((eb) => [
      'memberSessions.bankId',
      'memberSessions.memberId',
      ...counting.map(({ rule, i }) => {
        const inRule = eb.case().when('memberSessions.sessionId', 'in', rule.countedSessionIds).then(1).else(0).end();
        return eb.fn.sum<number>(inRule).as(`s${i}`);
      }),
    ])
    .where('memberSessions.bankId', 'in', (eb) => eb.selectFrom('banks').select('banks.id').where(banks))
    .where('memberSessions.sessionId', 'in', sessions)
    .groupBy(['memberSessions.bankId', 'memberSessions.memberId'])
    .as('per_member');
  const rows = await db
    .selectFrom(perMember)
    .select((eb) => [
      'per_member.bankId',
      ...counting.flatMap(({ rule, i }) => {
        const s = sql.ref(`per_member.s${i}`);
        return [
          eb.fn.sum<number>(sql`case when ${s} > 0 then 1 else 0 end`).as(`a${i}`),
          eb.fn.sum<number>(sql`case when ${s} >= ${rule.minSessions} then 1 else 0 end`).as(`c${i}`),
        ];
      }),
    ])
    .groupBy('per_member.bankId')
    .execute();
  for (const r of rows as Record<string, string | number | null>[]) {
    for (const { i } of counting) {
      const attended = Number(r[`a${i}`] ?? 0);
      // A bank whose women came only to another rule's sessions: no entry, as the single query gives.
      const completed = Number(r[`c${i}`] ?? 0);
      if (attended > 0) out[i]?.set(String(r.bankId), { attendedAtLeastOne: attended, completed });
    }
  }
  return out;
}
