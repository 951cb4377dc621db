import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DatabaseTables } from '../db/tables.ts';
import { ApiError } from '../errors.ts';
import type { Principal } from '../principal.ts';
import { banksReadableBy } from '../scope.ts';
import { audit } from '../audit/audit.ts';
import { requireWritableBank } from '../members/member.service.ts';
import { isAfterToday } from '../deliveries/meeting-date.ts';
import type { activityBody, periodQuery } from '../api-schemas.ts';

type Db = Kysely<DatabaseTables>;
type ActivityInput = z.output<typeof activityBody>;

/** Records one mobilisation activity: date, place, type and people reached, as counts only. */
export async function saveActivity(db: Db, actor: Principal, input: ActivityInput, address: string | null) {
  // An activity is recorded once held: a later date is a typing slip (the same "today" as roll calls).
  if (isAfterToday(input.heldOn)) {
    throw new ApiError(
      'unprocessable',
      `The date ${input.heldOn} is after today: record an activity once it has been held.`,
      { field: 'heldOn', rule: 'activity.held_after_today', params: { heldOn: input.heldOn } },
    );
  }
  return db.transaction().execute(async (trx) => {
    await requireWritableBank(trx, actor, input.bankId);
    const row = {
      id: input.id,
      bankId: input.bankId,
      heldOn: input.heldOn,
      place: input.place,
      activityType: input.activityType,
      reachedWomen: input.reached.women,
      reachedMen: input.reached.men,
      reachedGirls: input.reached.girls,
      reachedBoys: input.reached.boys,
    };
    const read = () => trx.selectFrom('activities').selectAll().where('id', '=', input.id).executeTakeFirst();
    const same = (stored: NonNullable<Awaited<ReturnType<typeof read>>>) =>
      (Object.keys(row) as (keyof typeof row)[]).every((k) => stored[k] === row[k]);
    let stored = await read();
    if (!stored) {
      // A resend arriving at the same moment inserts nothing here and is compared below instead.
      const inserted = await trx
        .insertInto('activities')
        .values({ ...row, recordedBy: actor.userId, recordedAt: new Date().toISOString() })
        .onConflict((oc) => oc.doNothing())
        .returning('id')
        .execute();
      if (inserted.length) {
        await audit(trx, {
          actorId: actor.userId,
          action: 'activity.save',
          entity: 'activity',
          entityId: input.id,
          address,
        });
        return { ...input, status: 'created' as const };
      }
      stored = await read();
    }
    if (!stored || !same(stored))
      throw new ApiError(
        'conflict',
        `Activity ${input.id} is already stored with other content. Use a new id for a new activity.`,
        { field: 'id', extra: { storedId: input.id } },
      );
    return { ...input, status: 'unchanged' as const };
  });
}

export async function listActivities(
  db: Db,
  actor: Principal,
  filter: z.output<typeof periodQuery> & { bankId?: string },
) {
  const rows = await db
    .selectFrom('activities')
    .innerJoin('banks', 'banks.id', 'activities.bankId')
    .selectAll('activities')
    .where(banksReadableBy(actor))
    .$if(Boolean(filter.bankId), (q) => q.where('activities.bankId', '=', filter.bankId ?? ''))
    .$if(Boolean(filter.from), (q) => q.where('activities.heldOn', '>=', filter.from ?? ''))
    .$if(Boolean(filter.to), (q) => q.where('activities.heldOn', '<=', filter.to ?? ''))
    .orderBy('activities.heldOn')
    .execute();
  return rows.map((a) => ({
    id: a.id,
    bankId: a.bankId,
    heldOn: a.heldOn,
    place: a.place,
    activityType: a.activityType,
    reached: { women: a.reachedWomen, men: a.reachedMen, girls: a.reachedGirls, boys: a.reachedBoys },
  }));
}
