import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DatabaseTables } from '../db/tables.ts';
import { ApiError, notFound, type RowError } from '../errors.ts';
import { readsMemberActivity, type Principal } from '../principal.ts';
import { banksReadableBy } from '../scope.ts';
import { audit } from '../audit/audit.ts';
import type { CurriculumIndex } from '../curriculum-index.ts';
import { chunks, requireReadableBank, requireWritableBank } from '../members/member.service.ts';
import type { attendanceBatchBody } from '../api-schemas.ts';

type Db = Kysely<DatabaseTables>;
export type AttendanceBatch = z.output<typeof attendanceBatchBody>;

/**
 * Saves one session's roll call: the delivery and every member's present/absent, in one
 * transaction. Made for poor signal: every record carries the phone's own UUID, so resending the
 * same batch changes nothing. Any bad row refuses the whole batch and names every bad row.
 */
export async function saveAttendanceBatch(db: Db, actor: Principal, curriculum: CurriculumIndex, batch: AttendanceBatch, address: string | null) {
  const { delivery, records } = batch;
  const session = curriculum.sessions.get(delivery.sessionId);
  if (!session) throw new ApiError('unprocessable', `There is no curriculum session with the id "${delivery.sessionId}".`, { field: 'delivery.sessionId' });

  return db.transaction().execute(async (trx) => {
    await requireWritableBank(trx, actor, delivery.bankId, 'delivery.bankId');

    const stored = await trx.selectFrom('deliveries').selectAll().where('id', '=', delivery.id).executeTakeFirst();
    let deliveryStatus: 'created' | 'unchanged' = 'unchanged';
    let curriculumVersion = session.version;
    if (stored) {
      if (stored.bankId !== delivery.bankId || stored.sessionId !== delivery.sessionId || stored.deliveredOn !== delivery.deliveredOn) {
        throw new ApiError('conflict', `Delivery ${delivery.id} is already stored with another bank, session or date. Use a new id for a new delivery.`, {
          field: 'delivery.id',
          extra: { storedId: stored.id },
        });
      }
      curriculumVersion = stored.curriculumVersion;
    } else {
      await trx
        .insertInto('deliveries')
        .values({ ...delivery, curriculumVersion, facilitatorId: actor.userId, createdAt: new Date().toISOString() })
        .execute();
      deliveryStatus = 'created';
    }

    const rows: RowError[] = [];
    const seen = new Map<string, number>();
    records.forEach((r, row) => {
      const first = seen.get(r.memberId);
      if (first !== undefined) rows.push({ row, field: 'memberId', message: `member ${r.memberId} is also in row ${first}` });
      else seen.set(r.memberId, row);
    });

    const memberIds = records.map((r) => r.memberId);
    const members = new Set(
      (await trx.selectFrom('members').select('id').where('bankId', '=', delivery.bankId).where('id', 'in', memberIds).execute()).map((m) => m.id),
    );
    const existing = await trx
      .selectFrom('attendance')
      .select(['id', 'deliveryId', 'memberId', 'present'])
      .where((eb) => eb.or([eb('id', 'in', records.map((r) => r.id)), eb('deliveryId', '=', delivery.id)]))
      .execute();
    const byId = new Map(existing.map((a) => [a.id, a]));
    const byMember = new Map(existing.filter((a) => a.deliveryId === delivery.id).map((a) => [a.memberId, a]));

    const toInsert: typeof records = [];
    records.forEach((r, row) => {
      if (!members.has(r.memberId)) return void rows.push({ row, field: 'memberId', message: 'is not a member of this bank' });
      const same = byId.get(r.id);
      if (same) {
        if (same.deliveryId !== delivery.id || same.memberId !== r.memberId || Boolean(same.present) !== r.present)
          rows.push({ row, field: 'id', message: `record ${r.id} is already stored with other content (stored id ${same.id})` });
        return;
      }
      const other = byMember.get(r.memberId);
      if (other) return void rows.push({ row, field: 'memberId', message: `this member's attendance for this delivery is already stored as record ${other.id}` });
      toInsert.push(r);
    });

    if (rows.length) {
      rows.sort((a, b) => a.row - b.row);
      const first = rows[0];
      const conflict = rows.every((r) => r.message.includes('already stored'));
      throw new ApiError(conflict ? 'conflict' : 'invalid_rows', `${rows.length} row(s) cannot be saved; nothing was saved. First: records[${first?.row}].${first?.field} ${first?.message}.`, {
        field: `records[${first?.row}].${first?.field}`,
        extra: { rows },
      });
    }

    const recordedAt = new Date().toISOString();
    for (const chunk of chunks(toInsert, 200)) {
      await trx
        .insertInto('attendance')
        .values(chunk.map((r) => ({ id: r.id, deliveryId: delivery.id, memberId: r.memberId, present: r.present ? 1 : 0, recordedBy: actor.userId, recordedAt })))
        .execute();
    }
    if (deliveryStatus === 'created' || toInsert.length) {
      await audit(trx, { actorId: actor.userId, action: 'attendance.save', entity: 'delivery', entityId: delivery.id, address, detail: { created: toInsert.length, unchanged: records.length - toInsert.length } });
    }
    return { delivery: { id: delivery.id, status: deliveryStatus, curriculumVersion }, records: { created: toInsert.length, unchanged: records.length - toInsert.length } };
  });
}

/**
 * The sessions a bank held. Head counts are what a woman did, summed over one meeting: only the
 * bank's facilitator reads them (above her, a head count beside the bank's figures would give a
 * small one away). Everyone who may read the bank sees which session was held and when.
 */
export async function listDeliveries(db: Db, actor: Principal, bankId: string) {
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
      eb.fn.coalesce(eb.fn.sum<number>('attendance.present'), eb.lit(0)).as('present'),
      eb.fn.count<number>('attendance.id').as('recorded'),
    ])
    .where('deliveries.bankId', '=', bankId)
    .where(banksReadableBy(actor))
    .groupBy(['deliveries.id', 'deliveries.bankId', 'deliveries.sessionId', 'deliveries.curriculumVersion', 'deliveries.deliveredOn'])
    .orderBy('deliveries.deliveredOn')
    .execute();
  return rows.map(({ recorded, present, ...d }) => (withCounts ? { ...d, present: Number(present), absent: Number(recorded) - Number(present) } : d));
}

/** Who came to one meeting: the bank's facilitator's alone (the contract admits no other role). */
export async function readAttendance(db: Db, actor: Principal, deliveryId: string) {
  if (!readsMemberActivity(actor)) throw new ApiError('forbidden', 'Who came to a meeting is for the bank’s facilitator only.');
  const delivery = await db
    .selectFrom('deliveries')
    .innerJoin('banks', 'banks.id', 'deliveries.bankId')
    .select('deliveries.id')
    .where('deliveries.id', '=', deliveryId)
    .where(banksReadableBy(actor))
    .executeTakeFirst();
  if (!delivery) throw notFound('The delivery', 'deliveryId');
  const rows = await db
    .selectFrom('attendance')
    .innerJoin('members', 'members.id', 'attendance.memberId')
    .innerJoin('deliveries', 'deliveries.id', 'attendance.deliveryId')
    .innerJoin('banks', 'banks.id', 'deliveries.bankId')
    .select(['attendance.id', 'attendance.memberId', 'members.memberCode', 'attendance.present', 'members.displayName'])
    .where('attendance.deliveryId', '=', deliveryId)
    .where(banksReadableBy(actor))
    .orderBy('members.memberCode')
    .execute();
  return rows.map((r) => ({ ...r, present: Boolean(r.present) }));
}
