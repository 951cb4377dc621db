import { sql, type Kysely, type Transaction } from 'kysely';
import type { Connection } from '../db/connect.ts';
import type { DatabaseTables } from '../db/tables.ts';
import { audit } from '../audit/audit.ts';
import { chunks, eraseMemberRow } from './member.service.ts';

type Db = Kysely<DatabaseTables>;

export interface RetentionSettings {
  /** content/organisation.yaml `retention.withdrawnMemberYears`. */
  withdrawnMemberYears: number;
}

export interface RetentionRun {
  /** Withdrawals and last roll calls before this day (YYYY-MM-DD) are due. */
  cutoff: string;
  /** Members due when the run started. */
  due: number;
  /** Members this run erased: fewer than `due` when another run erased some first. */
  erased: number;
  dryRun: boolean;
}

/** Members per transaction: short write locks, and far below every statement's parameter limit. */
const ERASE_CHUNK = 100;

/** The day `years` years before today (UTC): data older than this on both counts are due. */
export function retentionCutoff(years: number, now = new Date()): string {
  const day = new Date(Date.UTC(now.getUTCFullYear() - years, now.getUTCMonth(), now.getUTCDate()));
  return day.toISOString().slice(0, 10);
}

/**
 * Withdrawn members, not yet erased, who left before the cutoff and whose last roll call (the
 * latest meeting whose current marks list her) is before it too, or who have none.
 */
function dueMembers(db: Db | Transaction<DatabaseTables>, cutoff: string) {
  return db
    .selectFrom('members')
    .select(['members.id', 'members.bankId', 'members.enrolledOn', 'members.createdAt', 'members.withdrawnOn'])
    .where('members.erasedAt', 'is', null)
    .where('members.withdrawnOn', 'is not', null)
    .where('members.withdrawnOn', '<', cutoff)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('attendance')
            .innerJoin('deliveries', 'deliveries.id', 'attendance.deliveryId')
            .select(sql.lit(1).as('one'))
            .whereRef('attendance.memberId', '=', 'members.id')
            .where('deliveries.deliveredOn', '>=', cutoff),
        ),
      ),
    )
    .orderBy('members.id');
}

/**
 * One transaction that holds the database's write lock from its first statement: on SQLite
 * `BEGIN IMMEDIATE` (a plain BEGIN that reads first and writes later fails with SQLITE_BUSY
 * when another process wrote meanwhile), on PostgreSQL an ordinary transaction whose rows are
 * locked with FOR UPDATE.
 */
async function writeTransaction<T>(
  connection: Connection,
  work: (trx: Db | Transaction<DatabaseTables>) => Promise<T>,
): Promise<T> {
  if (connection.kind === 'postgresql') return connection.db.transaction().execute(work);
  return connection.db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    try {
      const result = await work(conn);
      await sql`commit`.execute(conn);
      return result;
    } catch (error) {
      await sql`rollback`.execute(conn);
      throw error;
    }
  });
}

/**
 * The retention run (Ley 29733: data kept no longer than needed): erases every withdrawn member
 * due under `withdrawnMemberYears` with the same erasure as her own request (member.service.ts
 * `eraseMemberRow`): name and code go, her attendance stays under an anonymous id, so the
 * indicators do not change. The system is the actor: no user, `reason: 'retention'` per member,
 * and one `retention.run` line per run with counts only.
 *
 * Safe to run twice at once (two server processes, the timer and `npm run retention`): each chunk
 * reads its members again inside a write transaction (SQLite: BEGIN IMMEDIATE; PostgreSQL: FOR
 * UPDATE, which skips a row another run deleted), so each woman is erased once, by one run.
 */
export async function runRetention(
  connection: Connection,
  settings: RetentionSettings,
  options: { dryRun?: boolean; now?: Date } = {},
): Promise<RetentionRun> {
  const cutoff = retentionCutoff(settings.withdrawnMemberYears, options.now);
  const candidates = await dueMembers(connection.db, cutoff).select('members.id').execute();
  const dryRun = options.dryRun ?? false;
  if (dryRun) return { cutoff, due: candidates.length, erased: 0, dryRun };
  let erased = 0;
  for (const chunk of chunks(
    candidates.map((m) => m.id),
    ERASE_CHUNK,
  )) {
    erased += await writeTransaction(connection, async (trx) => {
      const still = await dueMembers(trx, cutoff)
        .where('members.id', 'in', chunk)
        .$if(connection.kind === 'postgresql', (q) => q.forUpdate('members'))
        .execute();
      for (const member of still)
        await eraseMemberRow(trx, member, { actorId: null, address: null, reason: 'retention' });
      return still.length;
    });
  }
  await audit(connection.db, {
    actorId: null,
    action: 'retention.run',
    entity: 'members',
    address: null,
    detail: { erased, due: candidates.length, cutoff, withdrawnMemberYears: settings.withdrawnMemberYears },
  });
  return { cutoff, due: candidates.length, erased, dryRun };
}
