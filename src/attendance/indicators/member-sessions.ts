import type { Kysely, Transaction } from 'kysely';
import type { DatabaseTables } from '../db/tables.ts';

type Trx = Kysely<DatabaseTables> | Transaction<DatabaseTables>;

/** A roll call's place in the summary: the bank and the session its meeting held. */
export interface Meeting {
  bankId: string;
  sessionId: string;
}

/**
 * Keeps member_sessions (migration 0012) in step with attendance, inside the caller's transaction:
 * `+1` for every mark that became "present" at this meeting (a new present mark, or absent → present),
 * `-1` for every one that stopped being (present → absent). Every service that writes attendance
 * calls it next to that write: the batch (attendance.service.ts) and the correction
 * (correction.service.ts); the erasure moves her rows with `moveMemberSessions`. Nothing else writes
 * attendance (test/attendance/member-sessions.test.ts compares the table with attendance after each).
 * After its last call a writer stamps the bank (bank-changes.ts), so readers that kept the bank's
 * counts count it again.
 *
 * Counters, not a recount: an upsert adds atomically, so two make-up meetings of one session saved
 * at once on PostgreSQL both count. Members go in id order, so two transactions lock rows in the
 * same order and wait instead of deadlocking.
 */
export async function countPresence(
  trx: Trx,
  meeting: Meeting,
  memberIds: readonly string[],
  step: 1 | -1,
): Promise<void> {
  const ids = [...new Set(memberIds)].sort();
  if (!ids.length) return;
  if (step === 1) {
    for (const chunk of chunksOf(ids, 200)) {
      await trx
        .insertInto('memberSessions')
        .values(
          chunk.map((memberId) => ({ bankId: meeting.bankId, memberId, sessionId: meeting.sessionId, meetings: 1 })),
        )
        .onConflict((oc) =>
          oc
            .columns(['bankId', 'memberId', 'sessionId'])
            .doUpdateSet((eb) => ({ meetings: eb(eb.ref('memberSessions.meetings'), '+', 1) })),
        )
        .execute();
    }
    return;
  }
  for (const chunk of chunksOf(ids, 200)) {
    // Her last present mark of this session here: the row goes (the check keeps meetings > 0).
    // Deleted before the others are decremented, or a 2 just made 1 would go too.
    await trx
      .deleteFrom('memberSessions')
      .where('bankId', '=', meeting.bankId)
      .where('sessionId', '=', meeting.sessionId)
      .where('memberId', 'in', chunk)
      .where('meetings', '=', 1)
      .execute();
    await trx
      .updateTable('memberSessions')
      .set((eb) => ({ meetings: eb(eb.ref('meetings'), '-', 1) }))
      .where('bankId', '=', meeting.bankId)
      .where('sessionId', '=', meeting.sessionId)
      .where('memberId', 'in', chunk)
      .execute();
  }
}

/** The erasure (member.service.ts eraseMemberRow): her counts move to her anonymous id with her marks. */
export async function moveMemberSessions(trx: Trx, fromMemberId: string, toMemberId: string): Promise<void> {
  await trx.updateTable('memberSessions').set({ memberId: toMemberId }).where('memberId', '=', fromMemberId).execute();
}

function chunksOf<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
