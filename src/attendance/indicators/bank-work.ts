import type { Kysely } from 'kysely';
import type { DatabaseTables } from '../db/tables.ts';
import type { Principal } from '../principal.ts';
import { banksReadableBy } from '../scope.ts';
import type { Period } from './bank-counts.ts';
import { readsOf } from '../db/reads.ts';

export interface BankWork {
  /** Meetings held of the programme's sessions, make-up meetings included. */
  sessionsDelivered: number;
  /** When the bank's latest roll call record reached the server (ISO time), or null if none has. */
  lastSync: string | null;
}

/**
 * What a bank's facilitator has done, per bank the caller may read: meetings held and the last
 * time a roll call reached the server. Neither is a count of women, so neither goes through the
 * protected table: the meetings are the delivery list (GET /banks/{id}/deliveries shows everyone
 * who may read the bank which session was held and when), and the time says when a phone synced,
 * not who came. Per-meeting head counts stay out (principal.ts readModel). Meetings follow the
 * period when one is chosen (only the facilitator may choose); the last sync is always the latest.
 */
export async function bankWork(
  main: Kysely<DatabaseTables>,
  actor: Principal,
  programmeSessionIds: readonly string[],
  period: Period = {},
): Promise<Map<string, BankWork>> {
  // Reads over every roll call: on SQLite on the read worker, off the event loop (db/reads.ts).
  const db = readsOf(main);
  const [meetings, synced] = await Promise.all([
    programmeSessionIds.length
      ? db
          .selectFrom('deliveries')
          .innerJoin('banks', 'banks.id', 'deliveries.bankId')
          .select((eb) => ['banks.id as bankId', eb.fn.countAll<number>().as('n')])
          .where(banksReadableBy(actor))
          .where('deliveries.sessionId', 'in', [...programmeSessionIds])
          .$if(Boolean(period.from), (q) => q.where('deliveries.deliveredOn', '>=', period.from ?? ''))
          .$if(Boolean(period.to), (q) => q.where('deliveries.deliveredOn', '<=', period.to ?? ''))
          .groupBy('banks.id')
          .execute()
      : Promise.resolve([]),
    db
      .selectFrom('attendance')
      .innerJoin('deliveries', 'deliveries.id', 'attendance.deliveryId')
      .innerJoin('banks', 'banks.id', 'deliveries.bankId')
      .select((eb) => ['banks.id as bankId', eb.fn.max('attendance.recordedAt').as('at')])
      .where(banksReadableBy(actor))
      .groupBy('banks.id')
      .execute(),
  ]);
  const out = new Map<string, BankWork>();
  const at = (bankId: string) => out.get(bankId) ?? { sessionsDelivered: 0, lastSync: null };
  // PostgreSQL returns count() as a string (bigint): Number() evens that out.
  for (const m of meetings) out.set(m.bankId, { ...at(m.bankId), sessionsDelivered: Number(m.n) });
  for (const s of synced) out.set(s.bankId, { ...at(s.bankId), lastSync: s.at ? String(s.at) : null });
  return out;
}

/** Several banks taken together: meetings add up, the last sync is the latest of theirs. */
export function sumWork(all: BankWork[]): BankWork {
  return all.reduce<BankWork>(
    (acc, w) => ({
      sessionsDelivered: acc.sessionsDelivered + w.sessionsDelivered,
      lastSync: !acc.lastSync || (w.lastSync && w.lastSync > acc.lastSync) ? w.lastSync : acc.lastSync,
    }),
    { sessionsDelivered: 0, lastSync: null },
  );
}
