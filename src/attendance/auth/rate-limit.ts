import type { Kysely } from 'kysely';
import type { DatabaseTables } from '../db/tables.ts';

/**
 * Failed-login counting lives in the database, not in process memory, so several API processes
 * behind a load balancer share it. A key is "account:<email>" or "address:<ip>".
 */
export const loginLimits = {
  account: { maxFailures: 5, windowMinutes: 15 },
  address: { maxFailures: 20, windowMinutes: 15 },
} as const;

export async function isBlocked(db: Kysely<DatabaseTables>, key: string, limit: { maxFailures: number; windowMinutes: number }, now = new Date()): Promise<number | false> {
  const row = await db.selectFrom('rateLimits').selectAll().where('key', '=', key).executeTakeFirst();
  if (!row) return false;
  const windowEnds = new Date(row.windowStartedAt).getTime() + limit.windowMinutes * 60_000;
  if (windowEnds <= now.getTime() || row.failures < limit.maxFailures) return false;
  return Math.ceil((windowEnds - now.getTime()) / 1000);
}

export async function recordFailure(db: Kysely<DatabaseTables>, key: string, limit: { windowMinutes: number }, now = new Date()): Promise<void> {
  const windowStart = new Date(now.getTime() - limit.windowMinutes * 60_000).toISOString();
  await db
    .insertInto('rateLimits')
    .values({ key, windowStartedAt: now.toISOString(), failures: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => ({
        // A failure after the window closed starts a new window.
        failures: eb.case().when('rateLimits.windowStartedAt', '<', windowStart).then(1).else(eb('rateLimits.failures', '+', 1)).end(),
        windowStartedAt: eb.case().when('rateLimits.windowStartedAt', '<', windowStart).then(now.toISOString()).else(eb.ref('rateLimits.windowStartedAt')).end(),
      })),
    )
    .execute();
}

export async function clearFailures(db: Kysely<DatabaseTables>, key: string): Promise<void> {
  await db.deleteFrom('rateLimits').where('key', '=', key).execute();
}
