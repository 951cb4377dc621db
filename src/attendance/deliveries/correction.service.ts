import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import type { DatabaseTables } from '../db/tables.ts';
import { ApiError, notFound, type RowError } from '../errors.ts';
import { readsMemberActivity, type Principal } from '../principal.ts';
import { banksReadableBy, banksWritableBy } from '../scope.ts';
import { audit } from '../audit/audit.ts';
import type { correctionBody } from '../api-schemas.ts';
import { addDays, correctableUntil, utcToday, windowOpen } from './meeting-date.ts';
import { countPresence } from '../indicators/member-sessions.ts';
import { stampBank } from '../indicators/bank-changes.ts';
import type { CurriculumIndex } from '../curriculum-index.ts';
import { readSteps, requireValidSteps, sameSteps, writeSteps } from './steps.ts';

type Db = Kysely<DatabaseTables>;
type Trx = Transaction<DatabaseTables>;
export type Correction = z.output<typeof correctionBody>;

/**
 * A correction of a roll call by the bank's own facilitator, as a new version: the marks in
 * `attendance` become the corrected ones (what indicators and exports read), and the version's
 * every mark is added to `attendance_versions`, where the earlier versions stay as they were.
 * Rules, in this order:
 * - the same correction id again is answered "unchanged" (a phone resending without signal);
 * - the window must be open: the meeting date plus correctionDays, or an admin's reopening;
 * - it must be based on the current version (two phones correcting at once: the second is told);
 * - every member must belong to the bank, and something must change.
 */
export async function correctRollCall(
  db: Db,
  actor: Principal,
  deliveryId: string,
  correction: Correction,
  correctionDays: number,
  address: string | null,
  now = new Date(),
  curriculum?: CurriculumIndex,
) {
  const repeated = repeatedMembers(correction.records);
  if (repeated.length) throw rowsError(repeated);
  return db.transaction().execute(async (trx) => {
    const delivery = await lockWritable(trx, actor, deliveryId);
    const until = correctableUntil(delivery.deliveredOn, delivery.reopenedUntil, correctionDays);
    const previous = await trx
      .selectFrom('rollCallVersions')
      .selectAll()
      .where('id', '=', correction.id)
      .executeTakeFirst();
    if (previous) return resendAnswer(trx, previous, deliveryId, correction, until);
    // The steps are checked against the session's agenda; a session gone from the curriculum
    // (an older version's) still takes a correction of its marks, not of its steps.
    const agendaSteps = curriculum?.sessions.get(delivery.sessionId)?.agendaSteps ?? 0;
    requireValidSteps(correction.stepsDone, agendaSteps);

    if (!windowOpen(until, now)) {
      throw new ApiError(
        'unprocessable',
        `This roll call could be corrected until ${until}. An admin can reopen it for its facilitator.`,
        {
          field: 'deliveryId',
          rule: 'delivery.correction_window_closed',
          params: { until },
          extra: { correctableUntil: until },
        },
      );
    }
    if (correction.basedOn !== delivery.version) {
      throw new ApiError(
        'conflict',
        `This roll call is at version ${delivery.version}, not ${correction.basedOn}: it was corrected since. Open it again and correct the current version.`,
        {
          field: 'basedOn',
          rule: 'delivery.version_changed',
          params: { version: delivery.version },
          extra: { storedId: deliveryId, version: delivery.version },
        },
      );
    }

    const memberIds = correction.records.map((r) => r.memberId);
    const members = new Set(
      (
        await trx
          .selectFrom('members')
          .select('id')
          .where('bankId', '=', delivery.bankId)
          .where('id', 'in', memberIds)
          .execute()
      ).map((m) => m.id),
    );
    const strangers: RowError[] = correction.records.flatMap((r, row) =>
      members.has(r.memberId)
        ? []
        : [
            {
              row,
              field: 'memberId',
              message: 'is not a member of this bank',
              rule: 'attendance.not_a_member' as const,
            },
          ],
    );
    if (strangers.length) throw rowsError(strangers);

    const current = new Map(
      (
        await trx
          .selectFrom('attendance')
          .select(['id', 'memberId', 'present'])
          .where('deliveryId', '=', deliveryId)
          .execute()
      ).map((a) => [a.memberId, a]),
    );
    const changes = correction.records.filter((r) => {
      const stored = current.get(r.memberId);
      return !stored || Boolean(stored.present) !== r.present;
    });
    // Steps left out are the previous version's: a correction of marks only keeps them.
    const before = await readSteps(trx, deliveryId, delivery.version);
    const steps = correction.stepsDone ?? before;
    const stepsChanged = !sameSteps(before, steps);
    if (!changes.length && !stepsChanged)
      throw new ApiError('unprocessable', 'Every mark is already as sent: there is nothing to correct.', {
        field: 'records',
        rule: 'delivery.no_change',
      });

    const version = delivery.version + 1;
    const recordedAt = now.toISOString();
    await trx.updateTable('deliveries').set({ version }).where('id', '=', deliveryId).execute();
    await trx
      .insertInto('rollCallVersions')
      .values({
        id: correction.id,
        deliveryId,
        version,
        basedOn: correction.basedOn,
        recordedBy: actor.userId,
        recordedAt,
        changed: changes.length,
        stepsReported: steps === null ? 0 : 1,
      })
      .execute();
    await writeSteps(trx, deliveryId, version, steps);
    for (const change of changes) {
      const stored = current.get(change.memberId);
      const mark = { present: change.present ? 1 : 0, recordedBy: actor.userId, recordedAt };
      if (stored) await trx.updateTable('attendance').set(mark).where('id', '=', stored.id).execute();
      // A member left out of the first list (she joined the bank late, or was missed) is added.
      else
        await trx
          .insertInto('attendance')
          .values({ id: randomUUID(), deliveryId, memberId: change.memberId, ...mark })
          .execute();
    }
    // What the indicators count, in the same transaction (member-sessions.ts). A change is a
    // present mark made (absent → present, or a new present one) or taken back (present → absent);
    // a new absent mark is not among the changes that count.
    const meeting = { bankId: delivery.bankId, sessionId: delivery.sessionId };
    await countPresence(
      trx,
      meeting,
      changes.filter((c) => c.present).map((c) => c.memberId),
      1,
    );
    const takenBack = changes.filter((c) => !c.present && current.get(c.memberId)?.present === 1);
    await countPresence(
      trx,
      meeting,
      takenBack.map((c) => c.memberId),
      -1,
    );
    // After the last countPresence: readers that kept this bank's counts count it again (bank-changes.ts).
    if (changes.some((c) => c.present) || takenBack.length) await stampBank(trx, delivery.bankId);
    await trx
      .insertInto('attendanceVersions')
      .columns(['deliveryId', 'version', 'memberId', 'present'])
      .expression((eb) =>
        eb
          .selectFrom('attendance')
          .select(['attendance.deliveryId', eb.lit(version).as('version'), 'attendance.memberId', 'attendance.present'])
          .where('attendance.deliveryId', '=', deliveryId),
      )
      .execute();
    // Counts of changed marks only: the admin reads the log, and who came is not hers to read.
    await audit(trx, {
      actorId: actor.userId,
      action: 'attendance.correct',
      entity: 'delivery',
      entityId: deliveryId,
      address,
      detail: {
        version,
        basedOn: correction.basedOn,
        changed: changes.length,
        ...(stepsChanged ? { stepsChanged } : {}),
      },
    });
    return {
      status: 'created' as const,
      delivery: { id: deliveryId, version, correctableUntil: until },
      changed: changes.length,
    };
  });
}

/**
 * The delivery, if the caller is its bank's facilitator (404 otherwise, as for one that does not
 * exist), read through a no-op UPDATE that holds the row until commit: corrections of one roll
 * call, and a batch resent for it, take their turn.
 */
async function lockWritable(trx: Trx, actor: Principal, deliveryId: string) {
  const mine = await trx
    .selectFrom('deliveries')
    .innerJoin('banks', 'banks.id', 'deliveries.bankId')
    .select('deliveries.id')
    .where('deliveries.id', '=', deliveryId)
    .where(banksWritableBy(actor))
    .executeTakeFirst();
  if (!mine) throw notFound('The delivery', 'deliveryId');
  const locked = await trx
    .updateTable('deliveries')
    .set((eb) => ({ version: eb.ref('version') }))
    .where('id', '=', deliveryId)
    .returning(['id', 'bankId', 'sessionId', 'deliveredOn', 'version', 'reopenedUntil'])
    .executeTakeFirst();
  if (!locked) throw notFound('The delivery', 'deliveryId');
  return locked;
}

/** The same correction id again: unchanged if it is the same correction, a conflict if not. */
async function resendAnswer(
  trx: Trx,
  previous: DatabaseTables['rollCallVersions'],
  deliveryId: string,
  correction: Correction,
  until: string,
) {
  const marks = new Map(
    (
      await trx
        .selectFrom('attendanceVersions')
        .select(['memberId', 'present'])
        .where('deliveryId', '=', previous.deliveryId)
        .where('version', '=', previous.version)
        .execute()
    ).map((m) => [m.memberId, Boolean(m.present)]),
  );
  const stepsAsSent =
    correction.stepsDone === undefined ||
    sameSteps(await readSteps(trx, previous.deliveryId, previous.version), correction.stepsDone);
  const same =
    previous.deliveryId === deliveryId &&
    previous.basedOn === correction.basedOn &&
    stepsAsSent &&
    correction.records.every((r) => marks.get(r.memberId) === r.present);
  if (!same) {
    throw new ApiError(
      'conflict',
      `Correction ${correction.id} is already stored with other content. Use a new id for a new correction.`,
      {
        field: 'id',
        rule: 'delivery.correction_id_reused',
        extra: { storedId: previous.id },
      },
    );
  }
  return {
    status: 'unchanged' as const,
    delivery: { id: deliveryId, version: previous.version, correctableUntil: until },
    changed: previous.changed,
  };
}

/**
 * An admin gives a roll call's facilitator a new window to correct it: correctionDays from today.
 * The answer says which meeting and until when, never who came or how many.
 */
export async function reopenRollCall(
  db: Db,
  actor: Principal,
  deliveryId: string,
  correctionDays: number,
  address: string | null,
  now = new Date(),
) {
  return db.transaction().execute(async (trx) => {
    const delivery = await trx
      .selectFrom('deliveries')
      .innerJoin('banks', 'banks.id', 'deliveries.bankId')
      .select([
        'deliveries.id',
        'deliveries.bankId',
        'deliveries.sessionId',
        'deliveries.deliveredOn',
        'deliveries.reopenedUntil',
      ])
      .where('deliveries.id', '=', deliveryId)
      .where(banksReadableBy(actor))
      .executeTakeFirst();
    if (!delivery) throw notFound('The delivery', 'deliveryId');
    const reopened = addDays(utcToday(now), correctionDays);
    // Reopening twice never shortens a window already given.
    const reopenedUntil =
      delivery.reopenedUntil && delivery.reopenedUntil > reopened ? delivery.reopenedUntil : reopened;
    await trx.updateTable('deliveries').set({ reopenedUntil }).where('id', '=', deliveryId).execute();
    const until = correctableUntil(delivery.deliveredOn, reopenedUntil, correctionDays);
    await audit(trx, {
      actorId: actor.userId,
      action: 'attendance.reopen',
      entity: 'delivery',
      entityId: deliveryId,
      address,
      detail: { correctableUntil: until, days: correctionDays },
    });
    return {
      delivery: {
        id: delivery.id,
        bankId: delivery.bankId,
        sessionId: delivery.sessionId,
        deliveredOn: delivery.deliveredOn,
        correctableUntil: until,
      },
    };
  });
}

/** Every version of a roll call, oldest first, with who saved it, when, and each of its marks: for its facilitator. */
export async function listVersions(db: Db, actor: Principal, deliveryId: string) {
  if (!readsMemberActivity(actor))
    throw new ApiError('forbidden', 'Who came to a meeting is for the bank’s facilitator only.');
  const delivery = await db
    .selectFrom('deliveries')
    .innerJoin('banks', 'banks.id', 'deliveries.bankId')
    .select('deliveries.id')
    .where('deliveries.id', '=', deliveryId)
    .where(banksReadableBy(actor))
    .executeTakeFirst();
  if (!delivery) throw notFound('The delivery', 'deliveryId');
  const versions = await db
    .selectFrom('rollCallVersions')
    .leftJoin('users', 'users.id', 'rollCallVersions.recordedBy')
    .select([
      'rollCallVersions.version',
      'rollCallVersions.basedOn',
      'rollCallVersions.recordedBy',
      'users.displayName as recordedByName',
      'rollCallVersions.recordedAt',
      'rollCallVersions.changed',
    ])
    .where('rollCallVersions.deliveryId', '=', deliveryId)
    .orderBy('rollCallVersions.version')
    .execute();
  const marks = await db
    .selectFrom('attendanceVersions')
    .innerJoin('members', 'members.id', 'attendanceVersions.memberId')
    .select([
      'attendanceVersions.version',
      'attendanceVersions.memberId',
      'members.memberCode',
      'attendanceVersions.present',
    ])
    .where('attendanceVersions.deliveryId', '=', deliveryId)
    .orderBy('members.memberCode')
    .execute();
  return versions.map((v) => ({
    ...v,
    marks: marks
      .filter((m) => m.version === v.version)
      .map((m) => ({ memberId: m.memberId, memberCode: m.memberCode, present: Boolean(m.present) })),
  }));
}

function repeatedMembers(records: Correction['records']): RowError[] {
  const seen = new Map<string, number>();
  return records.flatMap((r, row) => {
    const first = seen.get(r.memberId);
    if (first === undefined) {
      seen.set(r.memberId, row);
      return [];
    }
    return [
      {
        row,
        field: 'memberId',
        message: `member ${r.memberId} is also in row ${first}`,
        rule: 'attendance.member_repeated' as const,
        params: { other: first + 1 },
      },
    ];
  });
}

function rowsError(rows: RowError[]) {
  const first = rows[0];
  return new ApiError(
    'invalid_rows',
    `${rows.length} row(s) cannot be saved; nothing was saved. First: records[${first?.row}].${first?.field} ${first?.message}.`,
    {
      field: `records[${first?.row}].${first?.field}`,
      extra: { rows },
    },
  );
}
