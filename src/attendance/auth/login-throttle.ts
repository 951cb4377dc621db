import { sql, type Kysely } from 'kysely';
import type { DatabaseTables } from '../db/tables.ts';
import { addressBucket } from './address-bucket.ts';

type Db = Kysely<DatabaseTables>;

/**
 * One throttle: `free` sign-in attempts, then one attempt per wait, the wait doubling from
 * `firstDelayMs` up to `maxDelayMs`. A key with no attempt for `forgetAfterMs` starts again.
 */
export interface ThrottlePolicy {
  free: number;
  firstDelayMs: number;
  maxDelayMs: number;
  forgetAfterMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * Per account AND address: the owner's typos and a stranger guessing from one place. Strict,
 * because it only ever slows the one address: the owner elsewhere is not affected.
 * 5 attempts, then waits of 1, 2, 4 … 60 min: at most about 33 guesses a day from one address.
 */
export const PER_ACCOUNT_AT_ADDRESS: ThrottlePolicy = {
  free: 5,
  firstDelayMs: MINUTE,
  maxDelayMs: HOUR,
  forgetAfterMs: 24 * HOUR,
};
/**
 * Per address, any account: one place trying many accounts. Looser, because an office or a
 * mobile carrier's NAT puts many honest people behind one address (and their good sign-ins
 * give their attempt back). 30 attempts, then waits of 1, 2, 4 … 15 min.
 */
export const PER_ADDRESS: ThrottlePolicy = {
  free: 30,
  firstDelayMs: MINUTE,
  maxDelayMs: 15 * MINUTE,
  forgetAfterMs: HOUR,
};
/**
 * Per account, any address: the ceiling on guesses at one account from many places. Much
 * looser, because reaching it slows the owner too: it takes 20 addresses each spending its
 * five free attempts. 100 attempts, then waits of 1, 2, 4 … 15 min.
 */
export const PER_ACCOUNT: ThrottlePolicy = {
  free: 100,
  firstDelayMs: MINUTE,
  maxDelayMs: 15 * MINUTE,
  forgetAfterMs: 24 * HOUR,
};

export type ThrottleKind = 'account-address' | 'address' | 'account';
const policies: Record<ThrottleKind, ThrottlePolicy> = {
  'account-address': PER_ACCOUNT_AT_ADDRESS,
  address: PER_ADDRESS,
  account: PER_ACCOUNT,
};

export interface ThrottleKey {
  kind: ThrottleKind;
  key: string;
  account: string | null;
}

/** The three keys of one sign-in attempt, strictest first. */
export function throttleKeys(email: string, address: string | null): ThrottleKey[] {
  const place = addressBucket(address);
  return [
    { kind: 'account-address', key: `account-address:${email}|${place}`, account: email },
    { kind: 'address', key: `address:${place}`, account: null },
    { kind: 'account', key: `account:${email}`, account: email },
  ];
}

export type Admission =
  { allowed: true } | { allowed: false; kind: ThrottleKind; retryAfterSeconds: number; refused: number };

const at = (now: Date, plusMs = 0) => new Date(now.getTime() + plusMs).toISOString();

/**
 * While attempts are free, "next allowed" is the distant past: concurrent requests reach the
 * database in another order than their clocks read, and a free attempt must never be refused
 * for arriving a millisecond "early".
 */
const ALWAYS = new Date(0).toISOString();

/** When the attempt after the n-th may come: at once while free, then after a doubling wait. */
function nextAllowedAfter(policy: ThrottlePolicy, now: Date, attemptsColumn: ReturnType<typeof sql>) {
  const steps = [];
  for (let n = policy.free, delay = policy.firstDelayMs; delay < policy.maxDelayMs; n++, delay *= 2)
    steps.push(sql`when ${attemptsColumn} = ${n} then ${at(now, delay)}`);
  return sql`case when ${attemptsColumn} < ${policy.free} then ${ALWAYS} ${sql.join(steps, sql` `)} else ${at(now, policy.maxDelayMs)} end`;
}

/**
 * Counts one attempt on one key and says whether it may go on to the password hash, in ONE
 * statement: the row lock (PostgreSQL) or the write lock (SQLite) orders concurrent attempts,
 * so a hundred guesses at once still get exactly `free` admissions, in every process.
 * A refused attempt does not move the wait on; it only counts in `refused`, for the audit log.
 */
async function admitOne(
  db: Db,
  key: ThrottleKey,
  now: Date,
): Promise<{ attempts: number; refused: number; nextAllowedAt: string }> {
  const policy = policies[key.kind];
  const stale = sql`login_throttle.last_at < ${at(now, -policy.forgetAfterMs)}`;
  const allowed = sql`login_throttle.next_allowed_at <= ${at(now)}`;
  const result = await sql<{ attempts: number; refused: number; nextAllowedAt: string }>`
    insert into login_throttle ("key", account, attempts, refused, next_allowed_at, last_at)
    values (${key.key}, ${key.account}, 1, 0, ${sql`${nextAllowedAfter(policy, now, sql`1`)}`}, ${at(now)})
    on conflict ("key") do update set
      attempts = case when ${stale} then 1 when ${allowed} then login_throttle.attempts + 1 else login_throttle.attempts end,
      refused = case when ${stale} or ${allowed} then 0 else login_throttle.refused + 1 end,
      next_allowed_at = case
        when ${stale} then ${nextAllowedAfter(policy, now, sql`1`)}
        when ${allowed} then ${nextAllowedAfter(policy, now, sql`(login_throttle.attempts + 1)`)}
        else login_throttle.next_allowed_at end,
      last_at = ${at(now)}
    returning attempts, refused, next_allowed_at`.execute(db);
  const row = result.rows[0];
  if (!row) throw new Error('login_throttle upsert returned no row');
  return { attempts: Number(row.attempts), refused: Number(row.refused), nextAllowedAt: row.nextAllowedAt };
}

/**
 * Counts the attempt on each key, strictest first, BEFORE any hashing. Stops at the first key
 * that refuses, so attempts refused for one account and address never reach the looser keys:
 * a stranger locked out at her address does not use up the owner's per-account allowance.
 * Keys already counted give their attempt back when a later one refuses.
 */
export async function admitAttempt(db: Db, keys: ThrottleKey[], now = new Date()): Promise<Admission> {
  const counted: ThrottleKey[] = [];
  for (const key of keys) {
    const row = await admitOne(db, key, now);
    if (row.refused > 0) {
      await giveBack(db, counted);
      return {
        allowed: false,
        kind: key.kind,
        refused: row.refused,
        retryAfterSeconds: Math.max(1, Math.ceil((Date.parse(row.nextAllowedAt) - now.getTime()) / 1000)),
      };
    }
    counted.push(key);
  }
  return { allowed: true };
}

/** An attempt that was not judged (refused further on, or no hash slot) or that succeeded does not count. */
export async function giveBack(db: Db, keys: ThrottleKey[]): Promise<void> {
  if (!keys.length) return;
  await db
    .updateTable('loginThrottle')
    .set((eb) => ({
      attempts: eb
        .case()
        .when('attempts', '>', 0)
        .then(eb('attempts', '-', 1))
        .else(0)
        .end(),
    }))
    .where(
      'key',
      'in',
      keys.map((k) => k.key),
    )
    .execute();
}

/**
 * A good sign-in: the account-at-address counter starts again, and the looser keys get the
 * attempt back (an office signing in every morning never fills its address's allowance).
 * Rows nobody has used for longer than any policy remembers are dropped on the way.
 */
export async function afterSuccess(db: Db, keys: ThrottleKey[], now = new Date()): Promise<void> {
  await db
    .deleteFrom('loginThrottle')
    .where(
      'key',
      'in',
      keys.filter((k) => k.kind === 'account-address').map((k) => k.key),
    )
    .execute();
  await giveBack(
    db,
    keys.filter((k) => k.kind !== 'account-address'),
  );
  const longest = Math.max(...Object.values(policies).map((p) => p.forgetAfterMs));
  await db.deleteFrom('loginThrottle').where('lastAt', '<', at(now, -longest)).execute();
}

/** An admin's unlock: every counter about this account, from every address. Returns how many were cleared. */
export async function unlockAccount(db: Db, email: string): Promise<number> {
  const result = await db.deleteFrom('loginThrottle').where('account', '=', email).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Refused attempts worth an audit line: the 1st, 10th, 100th … of a blocked spell, so a flood adds a handful of lines, not one per request. */
export const worthRecording = (refused: number) => /^10*$/.test(String(refused));
