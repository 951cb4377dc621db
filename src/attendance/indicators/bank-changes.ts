import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DatabaseTables } from '../db/tables.ts';
import type { BankCondition } from './bank-counts.ts';

type Trx = Kysely<DatabaseTables> | Transaction<DatabaseTables>;

/**
 * Says that a bank's member_sessions changed, inside the writer's transaction (migration 0014):
 * the bank gets a new random token, so a reader that kept its counts counts it again. Called once
 * per transaction, after the last `countPresence`, so the bank's row is the last lock the roll call
 * takes among the summary's rows and two roll calls of one bank wait for each other rather than
 * deadlock. A rolled-back write takes its token back with it.
 */
export async function stampBank(trx: Trx, bankId: string): Promise<void> {
  await trx
    .insertInto('bankChanges')
    .values({ bankId, change: randomUUID() })
    .onConflict((oc) => oc.column('bankId').doUpdateSet((eb) => ({ change: eb.ref('excluded.change') })))
    .execute();
}

/** Every bank the condition names, with its token (null: not written since migration 0014). */
export async function bankStamps(db: Trx, banks: BankCondition): Promise<Map<string, string | null>> {
  const rows = await db
    .selectFrom('banks')
    .leftJoin('bankChanges', 'bankChanges.bankId', 'banks.id')
    .select(['banks.id as bankId', 'bankChanges.change'])
    .where(banks)
    .execute();
  return new Map(rows.map((r) => [r.bankId, r.change ?? null]));
}
