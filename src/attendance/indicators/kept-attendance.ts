import type { Kysely } from 'kysely';
import type { DatabaseTables } from '../db/tables.ts';
import type { BankCondition, CompletionRule } from './bank-counts.ts';
import { bankStamps } from './bank-changes.ts';
import { recountAttendancePerBank } from './member-session-counts.ts';
import type { AttendanceCounts } from './figures.ts';

type Db = Kysely<DatabaseTables>;
type Counts = AttendanceCounts;
interface Kept {
  /** The bank's token when it was counted (bank-changes.ts); null: never written since migration 0014. */
  change: string | null;
  counts: Counts;
}

/**
 * Each bank's counts per rule, kept by this process with the token the bank had when it was
 * counted. Nothing here is the record: losing it costs one recount, and another process keeps its
 * own. Per database connection, so two databases in one process (the tests) never mix.
 */
const kept = new WeakMap<Db, Map<string, Map<string, Kept>>>();

function keptFor(db: Db, rule: CompletionRule): Map<string, Kept> {
  let byRule = kept.get(db);
  if (!byRule) kept.set(db, (byRule = new Map()));
  // The rule as data: the same sessions in another order are the same rule.
  const key = JSON.stringify([rule.minSessions, [...rule.countedSessionIds].sort()]);
  let banks = byRule.get(key);
  if (!banks) byRule.set(key, (banks = new Map()));
  return banks;
}

/**
 * Members who came to at least one counted session, and those who came to enough, per bank and
 * per rule, over the whole programme to date: exactly `recountAttendancePerBank`, counting again
 * only the banks whose token moved since this process last counted them (issue 13: between two
 * reads only the banks whose phones synced have changed, and a pass over every member's sessions
 * is ~550,000 rows at 100,000 members). The tokens are read before the counts, so a write that
 * lands in between makes the kept counts newer than their token, never older: the next read sees
 * the new token and counts that bank again. A bank whose women came to none of a rule's sessions
 * has no entry for it, as the recount gives (test/attendance/indicators-equal.test.ts).
 */
export async function attendancePerBankForRules(db: Db, banks: BankCondition, rules: readonly CompletionRule[]) {
  const stamps = await bankStamps(db, banks);
  const byRule = rules.map((rule) => keptFor(db, rule));
  const stale = [...stamps]
    .filter(([id, change]) => byRule.some((k) => k.get(id)?.change !== change || !k.has(id)))
    .map(([id]) => id);
  if (stale.length) {
    // Most banks stale (the first read): one pass over the scope; a few: a seek per bank.
    const scope: BankCondition =
      stale.length * 2 > stamps.size ? banks : (eb) => eb.and([banks(eb), eb('banks.id', 'in', stale)]);
    const fresh = await recountAttendancePerBank(db, scope, rules);
    for (const id of stale) {
      const change = stamps.get(id) ?? null;
      byRule.forEach((k, i) =>
        k.set(id, { change, counts: fresh[i]?.get(id) ?? { attendedAtLeastOne: 0, completed: 0 } }),
      );
    }
  }
  return byRule.map((k) => {
    const out = new Map<string, Counts>();
    for (const id of stamps.keys()) {
      const counts = k.get(id)?.counts;
      if (counts && counts.attendedAtLeastOne > 0) out.set(id, counts);
    }
    return out;
  });
}
