import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DatabaseTables } from '../db/tables.ts';
import { ApiError, notFound, type RowError } from '../errors.ts';
import { conflictRules } from '../error-rules.ts';
import { readsMemberActivity, type Principal } from '../principal.ts';
import { audit } from '../audit/audit.ts';
import { leaderTrained } from './trained.ts';
import type { participantDaysBody, participantsBody, workshopBody } from '../api-schemas.ts';
import { nameBasedUuid } from '../ids.ts';

type Db = Kysely<DatabaseTables>;

type RegionsEb = import('kysely').ExpressionBuilder<DatabaseTables, 'regions'>;

/** Leaders' workshops are organised per region: by its coordinator or by an admin. */
function regionsManagedBy(actor: Principal) {
  return (eb: RegionsEb) =>
    eb.and([
      eb('regions.organisationId', '=', actor.organisationId),
      ...(actor.role === 'coordinator' ? [eb('regions.id', '=', actor.regionId ?? '')] : []),
    ]);
}

/**
 * Who took part is what a woman did: recorded by an admin (who keeps the roster) or by a
 * facilitator for the women of her own banks, in a workshop of a region where she has a bank.
 * The coordinator organises the workshop but does not handle member ids (principal.ts readModel).
 */
function regionsRecordedBy(actor: Principal) {
  return (eb: RegionsEb) =>
    eb.and([
      eb('regions.organisationId', '=', actor.organisationId),
      ...(actor.role === 'facilitator'
        ? [
            eb.exists(
              eb
                .selectFrom('banks')
                .select('banks.id')
                .whereRef('banks.regionId', '=', 'regions.id')
                .where('banks.facilitatorId', '=', actor.userId),
            ),
          ]
        : []),
    ]);
}

export async function createWorkshop(
  db: Db,
  actor: Principal,
  input: z.output<typeof workshopBody>,
  address: string | null,
) {
  const region = await db
    .selectFrom('regions')
    .select('regions.id')
    .where('regions.id', '=', input.regionId)
    .where(regionsManagedBy(actor))
    .executeTakeFirst();
  if (!region) throw notFound('The region', 'regionId');
  return db.transaction().execute(async (trx) => {
    const read = () => trx.selectFrom('workshops').selectAll().where('id', '=', input.id).executeTakeFirst();
    let existing = await read();
    if (!existing) {
      // A resend arriving at the same moment inserts nothing here and is compared below instead.
      const inserted = await trx
        .insertInto('workshops')
        .values({ ...input, place: input.place ?? null, createdBy: actor.userId, createdAt: new Date().toISOString() })
        .onConflict((oc) => oc.doNothing())
        .returning('id')
        .execute();
      if (inserted.length) {
        await audit(trx, {
          actorId: actor.userId,
          action: 'workshop.create',
          entity: 'workshop',
          entityId: input.id,
          address,
        });
        return { ...input, status: 'created' as const };
      }
      existing = await read();
    }
    const same =
      existing &&
      existing.regionId === input.regionId &&
      existing.title === input.title &&
      existing.startsOn === input.startsOn &&
      existing.days === input.days &&
      existing.place === (input.place ?? null);
    if (!same)
      throw new ApiError('conflict', `Workshop ${input.id} is already stored with other content.`, {
        field: 'id',
        extra: { storedId: input.id },
      });
    return { ...input, status: 'unchanged' as const };
  });
}

export async function saveParticipants(
  db: Db,
  actor: Principal,
  workshopId: string,
  input: z.output<typeof participantsBody>,
  address: string | null,
) {
  return db.transaction().execute(async (trx) => {
    const workshop = await trx
      .selectFrom('workshops')
      .innerJoin('regions', 'regions.id', 'workshops.regionId')
      .select(['workshops.id', 'workshops.regionId', 'workshops.days'])
      .where('workshops.id', '=', workshopId)
      .where(regionsRecordedBy(actor))
      .executeTakeFirst();
    if (!workshop) throw notFound('The workshop', 'workshopId');
    const repeated = repeatedParticipants(input.participants);
    if (repeated.length) throw participantsError(repeated);
    const ids = input.participants.map((p) => p.memberId);
    const inRegion = new Set(
      (
        await trx
          .selectFrom('members')
          .innerJoin('banks', 'banks.id', 'members.bankId')
          .select('members.id')
          .where('banks.regionId', '=', workshop.regionId)
          .$if(actor.role === 'facilitator', (q) => q.where('banks.facilitatorId', '=', actor.userId))
          .where('members.id', 'in', ids)
          .execute()
      ).map((m) => m.id),
    );
    const problems = async () => {
      const existing = await trx
        .selectFrom('workshopParticipants')
        .selectAll()
        .where((eb) =>
          eb.or([
            eb(
              'id',
              'in',
              input.participants.map((p) => p.id),
            ),
            eb('workshopId', '=', workshopId),
          ]),
        )
        .execute();
      const byId = new Map(existing.map((p) => [p.id, p]));
      const byMember = new Map(existing.filter((p) => p.workshopId === workshopId).map((p) => [p.memberId, p]));
      const rows: RowError[] = [];
      input.participants.forEach((p, row) => {
        if (p.daysAttended > workshop.days)
          return void rows.push({
            row,
            field: 'daysAttended',
            message: `the workshop lasts ${workshop.days} days`,
            rule: 'workshop.days_over',
            params: { days: workshop.days },
          });
        if (!inRegion.has(p.memberId))
          return void rows.push(
            actor.role === 'facilitator'
              ? {
                  row,
                  field: 'memberId',
                  message: 'is not a member of one of your banks in the workshop’s region',
                  rule: 'workshop.member_not_yours',
                }
              : {
                  row,
                  field: 'memberId',
                  message: 'is not a member of a bank in the workshop’s region',
                  rule: 'workshop.member_outside_region',
                },
          );
        const same = byId.get(p.id);
        if (same) {
          if (same.workshopId !== workshopId || same.memberId !== p.memberId || same.daysAttended !== p.daysAttended)
            rows.push({
              row,
              field: 'id',
              message: `record ${p.id} is already stored with other content`,
              rule: 'workshop.record_conflict',
            });
          return;
        }
        if (byMember.has(p.memberId))
          rows.push({
            row,
            field: 'memberId',
            message: `this member is already recorded for this workshop (id ${byMember.get(p.memberId)?.id})`,
            rule: 'workshop.member_already_recorded',
          });
      });
      return { rows, stored: byId };
    };
    const before = await problems();
    if (before.rows.length) throw participantsError(before.rows);
    const fresh = input.participants.filter((p) => !before.stored.has(p.id)).sort((a, b) => (a.id < b.id ? -1 : 1));
    const recordedAt = new Date().toISOString();
    let created = 0;
    if (fresh.length) {
      // A simultaneous resend's rows are skipped by the unique constraints, then compared below.
      created = (
        await trx
          .insertInto('workshopParticipants')
          .values(fresh.map((p) => ({ ...p, workshopId, recordedBy: actor.userId, recordedAt })))
          .onConflict((oc) => oc.doNothing())
          .returning('id')
          .execute()
      ).length;
      if (created < fresh.length) {
        const after = await problems();
        if (after.rows.length) throw participantsError(after.rows);
      }
    }
    if (created)
      await audit(trx, {
        actorId: actor.userId,
        action: 'workshop.participants',
        entity: 'workshop',
        entityId: workshopId,
        address,
        detail: { created },
      });
    return { created, unchanged: input.participants.length - created };
  });
}

/** One woman's record in one workshop has one id, so the office's form writes the same row every time. */
export const participantId = (workshopId: string, memberId: string) =>
  nameBasedUuid(`workshop-participant:${workshopId}`, memberId);

/**
 * Sets the days each woman attended, as the office's form types them: a record is created,
 * corrected, or (at 0 days) removed. Same scope as saveParticipants: the admin for any woman of a
 * bank in the workshop's region, a facilitator for her own banks' women. The answer and the audit
 * entry say only how many rows were sent: the admin may record participation but not read it
 * (principal.ts readModel), so nothing here tells her what was stored before.
 */
export async function setParticipantDays(
  db: Db,
  actor: Principal,
  workshopId: string,
  input: z.output<typeof participantDaysBody>,
  address: string | null,
) {
  return db.transaction().execute(async (trx) => {
    const workshop = await trx
      .selectFrom('workshops')
      .innerJoin('regions', 'regions.id', 'workshops.regionId')
      .select(['workshops.id', 'workshops.regionId', 'workshops.days'])
      .where('workshops.id', '=', workshopId)
      .where(regionsRecordedBy(actor))
      .executeTakeFirst();
    if (!workshop) throw notFound('The workshop', 'workshopId');
    const ids = input.participants.map((p) => p.memberId);
    const inScope = new Set(
      (
        await trx
          .selectFrom('members')
          .innerJoin('banks', 'banks.id', 'members.bankId')
          .select('members.id')
          .where('banks.regionId', '=', workshop.regionId)
          .$if(actor.role === 'facilitator', (q) => q.where('banks.facilitatorId', '=', actor.userId))
          .where('members.id', 'in', ids)
          .execute()
      ).map((m) => m.id),
    );
    const rows: RowError[] = [];
    const seen = new Map<string, number>();
    input.participants.forEach((p, row) => {
      const earlier = seen.get(p.memberId);
      if (earlier !== undefined)
        return void rows.push({
          row,
          field: 'memberId',
          message: `this member is also in row ${earlier}`,
          rule: 'workshop.member_repeated',
          params: { other: earlier + 1 },
        });
      seen.set(p.memberId, row);
      if (!inScope.has(p.memberId))
        return void rows.push(
          actor.role === 'facilitator'
            ? {
                row,
                field: 'memberId',
                message: 'is not a member of one of your banks in the workshop’s region',
                rule: 'workshop.member_not_yours',
              }
            : {
                row,
                field: 'memberId',
                message: 'is not a member of a bank in the workshop’s region',
                rule: 'workshop.member_outside_region',
              },
        );
      if (p.daysAttended > workshop.days)
        rows.push({
          row,
          field: 'daysAttended',
          message: `the workshop lasts ${workshop.days} days`,
          rule: 'workshop.days_over',
          params: { days: workshop.days },
        });
    });
    if (rows.length) {
      throw new ApiError('invalid_rows', `${rows.length} row(s) cannot be saved; nothing was saved.`, {
        field: `participants[${rows[0]?.row}].${rows[0]?.field}`,
        extra: { rows },
      });
    }
    const recordedAt = new Date().toISOString();
    // In member order, so two saves at once take their row locks in the same order.
    const took = input.participants
      .filter((p) => p.daysAttended > 0)
      .sort((a, b) => (a.memberId < b.memberId ? -1 : 1));
    const off = input.participants.filter((p) => p.daysAttended === 0).map((p) => p.memberId);
    if (took.length) {
      await trx
        .insertInto('workshopParticipants')
        .values(
          took.map((p) => ({
            id: participantId(workshopId, p.memberId),
            workshopId,
            memberId: p.memberId,
            daysAttended: p.daysAttended,
            recordedBy: actor.userId,
            recordedAt,
          })),
        )
        .onConflict((oc) =>
          oc.columns(['workshopId', 'memberId']).doUpdateSet((eb) => ({
            daysAttended: eb.ref('excluded.daysAttended'),
            recordedBy: eb.ref('excluded.recordedBy'),
            recordedAt: eb.ref('excluded.recordedAt'),
          })),
        )
        .execute();
    }
    if (off.length)
      await trx
        .deleteFrom('workshopParticipants')
        .where('workshopId', '=', workshopId)
        .where('memberId', 'in', off)
        .execute();
    await audit(trx, {
      actorId: actor.userId,
      action: 'workshop.participants.set',
      entity: 'workshop',
      entityId: workshopId,
      address,
      detail: { rows: input.participants.length },
    });
    return { saved: input.participants.length };
  });
}

type Participant = z.output<typeof participantsBody>['participants'][number];

/** Two rows of one request with the same record id, or the same member: refused before any write. */
function repeatedParticipants(participants: Participant[]): RowError[] {
  const rows: RowError[] = [];
  const ids = new Map<string, number>();
  const members = new Map<string, number>();
  participants.forEach((p, row) => {
    const sameId = ids.get(p.id);
    const sameMember = members.get(p.memberId);
    if (sameId !== undefined)
      rows.push({
        row,
        field: 'id',
        message: `record ${p.id} is also in row ${sameId}`,
        rule: 'workshop.record_repeated',
        params: { other: sameId + 1 },
      });
    else if (sameMember !== undefined)
      rows.push({
        row,
        field: 'memberId',
        message: `member ${p.memberId} is also in row ${sameMember}`,
        rule: 'workshop.member_repeated',
        params: { other: sameMember + 1 },
      });
    ids.set(p.id, ids.get(p.id) ?? row);
    members.set(p.memberId, members.get(p.memberId) ?? row);
  });
  return rows;
}

const participantsError = (rows: RowError[]) =>
  new ApiError(
    rows.every((r) => r.rule !== undefined && conflictRules.has(r.rule)) ? 'conflict' : 'invalid_rows',
    `${rows.length} row(s) cannot be saved; nothing was saved.`,
    {
      field: `participants[${rows[0]?.row}].${rows[0]?.field}`,
      extra: { rows },
    },
  );

/**
 * The workshops the caller may see. Head counts are what women did: a facilitator gets the
 * counts of her own banks' women; above her none (leaders trained reach the coordinator and
 * the admin through the protected indicators).
 */
export async function listWorkshops(db: Db, actor: Principal) {
  const workshops = await db
    .selectFrom('workshops')
    .innerJoin('regions', 'regions.id', 'workshops.regionId')
    .select([
      'workshops.id',
      'workshops.regionId',
      'workshops.title',
      'workshops.startsOn',
      'workshops.days',
      'workshops.place',
    ])
    .where('regions.organisationId', '=', actor.organisationId)
    .$if(actor.role === 'coordinator', (q) => q.where('regions.id', '=', actor.regionId ?? ''))
    .$if(actor.role === 'facilitator', (q) =>
      q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('banks')
            .select('banks.id')
            .whereRef('banks.regionId', '=', 'regions.id')
            .where('banks.facilitatorId', '=', actor.userId),
        ),
      ),
    )
    .orderBy('workshops.startsOn')
    .orderBy('workshops.id')
    .execute();
  if (!readsMemberActivity(actor) || !workshops.length) return workshops;
  const counts = await db
    .selectFrom('workshopParticipants as wp')
    .innerJoin('workshops', 'workshops.id', 'wp.workshopId')
    .innerJoin('members', 'members.id', 'wp.memberId')
    .innerJoin('banks', 'banks.id', 'members.bankId')
    .select((eb) => [
      'wp.workshopId',
      eb.fn.countAll<number>().as('participants'),
      eb.fn.sum<number>(eb.case().when(leaderTrained).then(1).else(0).end()).as('trained'),
    ])
    .where('banks.facilitatorId', '=', actor.userId)
    .where(
      'wp.workshopId',
      'in',
      workshops.map((w) => w.id),
    )
    .groupBy('wp.workshopId')
    .execute();
  const byWorkshop = new Map(counts.map((c) => [c.workshopId, c]));
  return workshops.map((w) => ({
    ...w,
    participants: Number(byWorkshop.get(w.id)?.participants ?? 0),
    trained: Number(byWorkshop.get(w.id)?.trained ?? 0),
  }));
}
