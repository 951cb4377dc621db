import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import type { DatabaseTables } from '../db/tables.ts';
import { ApiError, notFound, type RowError } from '../errors.ts';
import { conflictRules } from '../error-rules.ts';
import { readsMemberActivity, type Principal } from '../principal.ts';
import { banksReadableBy } from '../scope.ts';
import { audit } from '../audit/audit.ts';
import type { CurriculumIndex } from '../curriculum-index.ts';
import { chunks, requireReadableBank, requireWritableBank } from '../members/member.service.ts';
import type { attendanceBatchBody } from '../api-schemas.ts';
import { correctableUntil, isAfterToday, windowOpen } from './meeting-date.ts';
import { nameCipher } from '../crypto/name-cipher.ts';
import { countPresence } from '../indicators/member-sessions.ts';
import { stampBank } from '../indicators/bank-changes.ts';
import { readSteps, requireValidSteps, sameSteps, stepsConflict, writeSteps } from './steps.ts';

type Db = Kysely<DatabaseTables>;
export type AttendanceBatch = z.output<typeof attendanceBatchBody>;

/**
 * Saves one session's roll call: the delivery and every member's present/absent, in one
 * transaction. Made for poor signal: every record carries the phone's own UUID, so resending the
 * same batch changes nothing, even when the resends arrive at the same moment. Any bad row
 * refuses the whole batch and names every bad row. A meeting has one roll call: a new delivery id
 * for a bank, session and date already stored is a 409 naming the stored one (`storedId`), which
 * is corrected instead (correction.service.ts).
 */
export async function saveAttendanceBatch(
  db: Db,
  actor: Principal,
  curriculum: CurriculumIndex,
  batch: AttendanceBatch,
  address: string | null,
  correctionDays: number,
) {
  const { delivery, records } = batch;
  const session = curriculum.sessions.get(delivery.sessionId);
  if (!session)
    throw new ApiError('unprocessable', `There is no curriculum session with the id "${delivery.sessionId}".`, {
      field: 'delivery.sessionId',
      rule: 'delivery.unknown_session',
    });
  if (isAfterToday(delivery.deliveredOn)) {
    throw new ApiError(
      'unprocessable',
      `The meeting date ${delivery.deliveredOn} is after today: a roll call records a meeting that has been held.`,
      { field: 'delivery.deliveredOn', rule: 'delivery.future_date' },
    );
  }
  requireValidSteps(batch.stepsDone, session.agendaSteps);
  const repeated = repeatedRows(records);
  if (repeated.length) throw rowsError(repeated);
  const steps = batch.stepsDone ?? null;

  return db.transaction().execute(async (trx) => {
    await requireWritableBank(trx, actor, delivery.bankId, 'delivery.bankId');
    const saved = await saveDelivery(trx, actor, delivery, session.version, steps !== null);
    // The steps as first sent are version 1's, like the marks: a resend must say the same.
    if (saved.status === 'created') await writeSteps(trx, delivery.id, 1, steps);
    else if (!sameSteps(await readSteps(trx, delivery.id, 1), steps)) throw stepsConflict(delivery.id, 1);
    const answer = (created: number) => ({
      delivery: {
        id: delivery.id,
        status: saved.status,
        curriculumVersion: saved.curriculumVersion,
        version: saved.version,
        correctableUntil: correctableUntil(delivery.deliveredOn, saved.reopenedUntil, correctionDays),
      },
      records: { created, unchanged: records.length - created },
    });
    // Corrected since it was first sent: a late resend of the first batch is still "unchanged",
    // measured against version 1; anything else would rewrite a corrected roll call behind its back.
    if (saved.version > 1) {
      await requireFirstVersion(trx, delivery.id, records, saved.version);
      return answer(0);
    }

    const memberIds = records.map((r) => r.memberId);
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
    const stored = await storedRecords(trx, delivery.id, records);
    const rows = recordProblems(records, stored, delivery.id, members);
    if (rows.length) throw rowsError(rows);

    // Insert in id order (two transactions wait for each other instead of deadlocking) and let
    // the unique constraints skip what a simultaneous resend stored after our read.
    const recordedAt = new Date().toISOString();
    const fresh = records.filter((r) => !stored.byId.has(r.id));
    const inserted = new Set<string>();
    for (const chunk of chunks(
      [...fresh].sort((a, b) => (a.id < b.id ? -1 : 1)),
      200,
    )) {
      const done = await trx
        .insertInto('attendance')
        .values(
          chunk.map((r) => ({
            id: r.id,
            deliveryId: delivery.id,
            memberId: r.memberId,
            present: r.present ? 1 : 0,
            recordedBy: actor.userId,
            recordedAt,
          })),
        )
        .onConflict((oc) => oc.doNothing())
        .returning('id')
        .execute();
      for (const { id } of done) inserted.add(id);
    }
    // The marks as first sent are version 1 of the roll call: a correction keeps them.
    const firstMarks = fresh
      .filter((r) => inserted.has(r.id))
      .map((r) => ({ deliveryId: delivery.id, version: 1, memberId: r.memberId, present: r.present ? 1 : 0 }));
    for (const chunk of chunks(firstMarks, 200))
      await trx
        .insertInto('attendanceVersions')
        .values(chunk)
        .onConflict((oc) => oc.doNothing())
        .execute();
    // What the indicators count, in the same transaction (member-sessions.ts): only rows this batch stored.
    const madePresent = firstMarks.filter((m) => m.present === 1).map((m) => m.memberId);
    await countPresence(trx, delivery, madePresent, 1);
    // Readers that kept this bank's counts count it again (bank-changes.ts).
    if (madePresent.length) await stampBank(trx, delivery.bankId);
    // What was skipped must now be stored exactly as sent; read after the insert, so PostgreSQL
    // shows the other transaction's committed rows.
    if (inserted.size < fresh.length) {
      const raced = recordProblems(records, await storedRecords(trx, delivery.id, records), delivery.id, members);
      if (raced.length) throw rowsError(raced);
    }

    const created = inserted.size;
    if (saved.status === 'created' || created) {
      await audit(trx, {
        actorId: actor.userId,
        action: 'attendance.save',
        entity: 'delivery',
        entityId: delivery.id,
        address,
        detail: { created, unchanged: records.length - created },
      });
    }
    return answer(created);
  });
}

type Trx = Transaction<DatabaseTables>;
type BatchRecord = AttendanceBatch['records'][number];

/**
 * The delivery row: inserted, or found stored with the same bank, session and date (a resend).
 * A stored row is read through a no-op UPDATE, which holds it until commit: a correction of the
 * same roll call (which updates its version) waits for this batch, and the other way round.
 */
async function saveDelivery(
  trx: Trx,
  actor: Principal,
  delivery: AttendanceBatch['delivery'],
  curriculumVersion: string,
  stepsReported: boolean,
) {
  const read = () =>
    trx
      .updateTable('deliveries')
      .set((eb) => ({ version: eb.ref('version') }))
      .where('id', '=', delivery.id)
      .returning(['id', 'bankId', 'sessionId', 'deliveredOn', 'curriculumVersion', 'version', 'reopenedUntil'])
      .executeTakeFirst();
  let stored = await read();
  if (!stored) {
    const other = await sameMeeting(trx, delivery);
    if (other) throw sameMeetingError(other.id);
    const createdAt = new Date().toISOString();
    // Either unique key may stop the insert: the id (a resend arriving at the same moment) or the
    // meeting (another phone's roll call of it, committed first). The reads below tell which.
    const inserted = await trx
      .insertInto('deliveries')
      .values({
        ...delivery,
        curriculumVersion,
        facilitatorId: actor.userId,
        createdAt,
        version: 1,
        reopenedUntil: null,
      })
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .execute();
    if (inserted.length) {
      await trx
        .insertInto('rollCallVersions')
        .values({
          id: delivery.id,
          deliveryId: delivery.id,
          version: 1,
          basedOn: null,
          recordedBy: actor.userId,
          recordedAt: createdAt,
          changed: 0,
          stepsReported: stepsReported ? 1 : 0,
        })
        .execute();
      return { status: 'created' as const, curriculumVersion, version: 1, reopenedUntil: null };
    }
    stored = await read();
    if (!stored) {
      const raced = await sameMeeting(trx, delivery);
      if (raced) throw sameMeetingError(raced.id);
    }
  }
  if (
    !stored ||
    stored.bankId !== delivery.bankId ||
    stored.sessionId !== delivery.sessionId ||
    stored.deliveredOn !== delivery.deliveredOn
  ) {
    throw new ApiError(
      'conflict',
      `Delivery ${delivery.id} is already stored with another bank, session or date. Use a new id for a new delivery.`,
      {
        field: 'delivery.id',
        extra: { storedId: stored?.id ?? delivery.id },
      },
    );
  }
  return {
    status: 'unchanged' as const,
    curriculumVersion: stored.curriculumVersion,
    version: stored.version,
    reopenedUntil: stored.reopenedUntil,
  };
}

/** The roll call already stored for the batch's bank, session and date under another id, if any. */
const sameMeeting = (trx: Trx, delivery: AttendanceBatch['delivery']) =>
  trx
    .selectFrom('deliveries')
    .select('id')
    .where('bankId', '=', delivery.bankId)
    .where('sessionId', '=', delivery.sessionId)
    .where('deliveredOn', '=', delivery.deliveredOn)
    .where('id', '<>', delivery.id)
    .executeTakeFirst();

const sameMeetingError = (storedId: string) =>
  new ApiError(
    'conflict',
    `This bank already has a roll call of this session on this date (delivery ${storedId}). Open it and correct it instead of sending a new one.`,
    {
      field: 'delivery.id',
      rule: 'delivery.same_meeting',
      params: { storedId },
      extra: { storedId },
    },
  );

/** A resend of the first batch of a corrected roll call: every record must be as version 1 has it. */
async function requireFirstVersion(trx: Trx, deliveryId: string, records: BatchRecord[], version: number) {
  const stored = await storedRecords(trx, deliveryId, records);
  const first = new Map(
    (
      await trx
        .selectFrom('attendanceVersions')
        .select(['memberId', 'present'])
        .where('deliveryId', '=', deliveryId)
        .where('version', '=', 1)
        .execute()
    ).map((r) => [r.memberId, Boolean(r.present)]),
  );
  const asFirstSent = records.every((r) => {
    const same = stored.byId.get(r.id);
    return same?.deliveryId === deliveryId && same.memberId === r.memberId && first.get(r.memberId) === r.present;
  });
  if (!asFirstSent) {
    throw new ApiError(
      'conflict',
      `This roll call was corrected since it was first sent (it is at version ${version}). Send a correction based on version ${version}.`,
      {
        field: 'delivery.id',
        rule: 'delivery.version_changed',
        params: { version },
        extra: { storedId: deliveryId, version },
      },
    );
  }
}

/** Two rows of one batch with the same record id, or the same member: refused before any read. */
function repeatedRows(records: BatchRecord[]): RowError[] {
  const rows: RowError[] = [];
  const ids = new Map<string, number>();
  const members = new Map<string, number>();
  records.forEach((r, row) => {
    const sameId = ids.get(r.id);
    const sameMember = members.get(r.memberId);
    if (sameId !== undefined)
      rows.push({
        row,
        field: 'id',
        message: `record ${r.id} is also in row ${sameId}`,
        rule: 'attendance.record_repeated',
        params: { other: sameId + 1 },
      });
    else if (sameMember !== undefined)
      rows.push({
        row,
        field: 'memberId',
        message: `member ${r.memberId} is also in row ${sameMember}`,
        rule: 'attendance.member_repeated',
        params: { other: sameMember + 1 },
      });
    ids.set(r.id, ids.get(r.id) ?? row);
    members.set(r.memberId, members.get(r.memberId) ?? row);
  });
  return rows;
}

async function storedRecords(trx: Trx, deliveryId: string, records: BatchRecord[]) {
  const existing = await trx
    .selectFrom('attendance')
    .select(['id', 'deliveryId', 'memberId', 'present'])
    .where((eb) =>
      eb.or([
        eb(
          'id',
          'in',
          records.map((r) => r.id),
        ),
        eb('deliveryId', '=', deliveryId),
      ]),
    )
    .execute();
  return {
    byId: new Map(existing.map((a) => [a.id, a])),
    byMember: new Map(existing.filter((a) => a.deliveryId === deliveryId).map((a) => [a.memberId, a])),
  };
}

/** Rows that cannot be saved as sent: not a member of the bank, or stored before with other content. */
function recordProblems(
  records: BatchRecord[],
  stored: Awaited<ReturnType<typeof storedRecords>>,
  deliveryId: string,
  members: Set<string>,
): RowError[] {
  const rows: RowError[] = [];
  records.forEach((r, row) => {
    if (!members.has(r.memberId))
      return void rows.push({
        row,
        field: 'memberId',
        message: 'is not a member of this bank',
        rule: 'attendance.not_a_member',
      });
    const same = stored.byId.get(r.id);
    if (same) {
      if (same.deliveryId !== deliveryId || same.memberId !== r.memberId || Boolean(same.present) !== r.present)
        rows.push({
          row,
          field: 'id',
          message: `record ${r.id} is already stored with other content (stored id ${same.id})`,
          rule: 'attendance.record_conflict',
        });
      return;
    }
    const other = stored.byMember.get(r.memberId);
    if (other)
      rows.push({
        row,
        field: 'memberId',
        message: `this member's attendance for this delivery is already stored as record ${other.id}`,
        rule: 'attendance.member_already_recorded',
      });
  });
  return rows;
}

function rowsError(rows: RowError[]) {
  rows.sort((a, b) => a.row - b.row);
  const first = rows[0];
  // Every row stored before with other content: a resend gone wrong (409); anything else is the rows' own fault (422).
  const conflict = rows.every((r) => r.rule !== undefined && conflictRules.has(r.rule));
  return new ApiError(
    conflict ? 'conflict' : 'invalid_rows',
    `${rows.length} row(s) cannot be saved; nothing was saved. First: records[${first?.row}].${first?.field} ${first?.message}.`,
    {
      field: `records[${first?.row}].${first?.field}`,
      extra: { rows },
    },
  );
}

/**
 * The sessions a bank held. Head counts are what a woman did, summed over one meeting: only the
 * bank's facilitator reads them (above her, a head count beside the bank's figures would give a
 * small one away). Everyone who may read the bank sees which session was held and when.
 */
export async function listDeliveries(
  db: Db,
  actor: Principal,
  bankId: string,
  correctionDays: number,
  now = new Date(),
) {
  await requireReadableBank(db, actor, bankId);
  const withCounts = readsMemberActivity(actor);
  const rows = await db
    .selectFrom('deliveries')
    .innerJoin('banks', 'banks.id', 'deliveries.bankId')
    .leftJoin('attendance', 'attendance.deliveryId', 'deliveries.id')
    .select((eb) => [
      'deliveries.id',
      'deliveries.bankId',
      'deliveries.sessionId',
      'deliveries.curriculumVersion',
      'deliveries.deliveredOn',
      'deliveries.version',
      'deliveries.reopenedUntil',
      eb.fn.coalesce(eb.fn.sum<number>('attendance.present'), eb.lit(0)).as('present'),
      eb.fn.count<number>('attendance.id').as('recorded'),
    ])
    .where('deliveries.bankId', '=', bankId)
    .where(banksReadableBy(actor))
    .groupBy([
      'deliveries.id',
      'deliveries.bankId',
      'deliveries.sessionId',
      'deliveries.curriculumVersion',
      'deliveries.deliveredOn',
      'deliveries.version',
      'deliveries.reopenedUntil',
    ])
    .orderBy('deliveries.deliveredOn')
    .execute();
  return rows.map(({ recorded, present, version, reopenedUntil, ...d }) => {
    const window = correctionWindow(d.deliveredOn, reopenedUntil, correctionDays, now);
    // Everyone who reads the bank may know whether a roll call can still be corrected (the admin
    // reopens those that cannot); its version and counts are the facilitator's.
    return withCounts
      ? { ...d, ...window, version, present: Number(present), absent: Number(recorded) - Number(present) }
      : { ...d, ...window };
  });
}

/** Until when a roll call may be corrected, and whether that is still today or later. */
export function correctionWindow(
  deliveredOn: string,
  reopenedUntil: string | null,
  correctionDays: number,
  now = new Date(),
) {
  const until = correctableUntil(deliveredOn, reopenedUntil, correctionDays);
  return { correctableUntil: until, correctable: windowOpen(until, now) };
}

/**
 * Who came to one meeting: the bank's facilitator's alone (the contract admits no other role).
 * With it, which meeting it was, its version and until when she may correct it: what the phone
 * needs to open the roll call and correct it.
 */
export async function readAttendance(
  db: Db,
  actor: Principal,
  deliveryId: string,
  correctionDays: number,
  now = new Date(),
) {
  if (!readsMemberActivity(actor))
    throw new ApiError('forbidden', 'Who came to a meeting is for the bank’s facilitator only.');
  const delivery = await db
    .selectFrom('deliveries')
    .innerJoin('banks', 'banks.id', 'deliveries.bankId')
    .select([
      'deliveries.id',
      'deliveries.bankId',
      'deliveries.sessionId',
      'deliveries.deliveredOn',
      'deliveries.version',
      'deliveries.reopenedUntil',
    ])
    .where('deliveries.id', '=', deliveryId)
    .where(banksReadableBy(actor))
    .executeTakeFirst();
  if (!delivery) throw notFound('The delivery', 'deliveryId');
  const rows = await db
    .selectFrom('attendance')
    .innerJoin('members', 'members.id', 'attendance.memberId')
    .innerJoin('deliveries', 'deliveries.id', 'attendance.deliveryId')
    .innerJoin('banks', 'banks.id', 'deliveries.bankId')
    .select([
      'attendance.id',
      'attendance.memberId',
      'members.memberCode',
      'attendance.present',
      'members.displayName',
      'members.bankId',
    ])
    .where('attendance.deliveryId', '=', deliveryId)
    .where(banksReadableBy(actor))
    .orderBy('members.memberCode')
    .execute();
  const { reopenedUntil, ...meeting } = delivery;
  return {
    delivery: { ...meeting, ...correctionWindow(delivery.deliveredOn, reopenedUntil, correctionDays, now) },
    attendance: rows.map(({ bankId, ...r }) => ({
      ...r,
      present: Boolean(r.present),
      displayName: nameCipher().open({ id: r.memberId, bankId }, r.displayName),
    })),
  };
}
