import { sql, type Kysely } from 'kysely';

// One roll call per meeting: a bank holds a session on a date once, so (bank, session, date)
// becomes unique, and a second phone's roll call of the same meeting is answered with the first
// one's id instead of being stored beside it. Corrections become versions: `deliveries.version`
// counts them, `roll_call_versions` says who saved each version and when, and
// `attendance_versions` keeps every mark of every version, so no correction overwrites the past.
//
// An old database may already hold two roll calls of one meeting. Which of them is right is a
// facilitator's judgement, not the migration's: it stops before changing anything, names every
// such meeting (bank code, session, date, each roll call's id, when it was saved and how many
// rows it has) and says how to go on. Nothing is merged, nothing is deleted.
export async function up(db: Kysely<any>): Promise<void> {
  // SQLite does not get a transaction from Kysely's migrator (PostgreSQL does): take one here, so
  // a failure half-way leaves the database as it was.
  if (db.isTransaction) return forward(db);
  await db.transaction().execute(forward);
}

async function forward(db: Kysely<any>): Promise<void> {
  const duplicates = await db
    .selectFrom('deliveries as d')
    .innerJoin('banks as b', 'b.id', 'd.bank_id')
    .select(['b.code', 'd.bank_id', 'd.session_id', 'd.delivered_on', 'd.id', 'd.created_at'])
    .select((eb) =>
      eb
        .selectFrom('attendance as a')
        .select((a) => a.fn.countAll<number>().as('n'))
        .whereRef('a.delivery_id', '=', 'd.id')
        .as('rows'),
    )
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('deliveries as o')
          .select('o.id')
          .whereRef('o.bank_id', '=', 'd.bank_id')
          .whereRef('o.session_id', '=', 'd.session_id')
          .whereRef('o.delivered_on', '=', 'd.delivered_on')
          .whereRef('o.id', '<>', 'd.id'),
      ),
    )
    .orderBy('b.code')
    .orderBy('d.session_id')
    .orderBy('d.delivered_on')
    .orderBy('d.created_at')
    .execute();
  if (duplicates.length) throw new Error(duplicatesMessage(duplicates));

  await db.schema
    .createIndex('deliveries_one_per_meeting')
    .unique()
    .on('deliveries')
    .columns(['bank_id', 'session_id', 'delivered_on'])
    .execute();
  await db.schema
    .alterTable('deliveries')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.alterTable('deliveries').addColumn('reopened_until', 'text').execute();

  await db.schema
    .createTable('roll_call_versions')
    // The correction's client UUID (a resend finds it); version 1 carries the delivery's own id.
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('delivery_id', 'text', (c) => c.notNull().references('deliveries.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('based_on', 'integer')
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('changed', 'integer', (c) => c.notNull())
    // Two corrections based on the same version cannot both become the next one.
    .addUniqueConstraint('roll_call_versions_once', ['delivery_id', 'version'])
    .execute();
  await db.schema
    .createTable('attendance_versions')
    .addColumn('delivery_id', 'text', (c) => c.notNull().references('deliveries.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('member_id', 'text', (c) => c.notNull().references('members.id'))
    .addColumn('present', 'integer', (c) => c.notNull().check(sql`present in (0, 1)`))
    .addPrimaryKeyConstraint('attendance_versions_pk', ['delivery_id', 'version', 'member_id'])
    .execute();

  // Roll calls saved before this migration are their own version 1.
  await db
    .insertInto('roll_call_versions')
    .columns(['id', 'delivery_id', 'version', 'based_on', 'recorded_by', 'recorded_at', 'changed'])
    .expression((eb) =>
      eb
        .selectFrom('deliveries')
        .select([
          'id',
          'id as delivery_id',
          eb.lit(1).as('version'),
          sql<null>`null`.as('based_on'),
          'facilitator_id',
          'created_at',
          eb.lit(0).as('changed'),
        ]),
    )
    .execute();
  await db
    .insertInto('attendance_versions')
    .columns(['delivery_id', 'version', 'member_id', 'present'])
    .expression((eb) =>
      eb.selectFrom('attendance').select(['delivery_id', eb.lit(1).as('version'), 'member_id', 'present']),
    )
    .execute();
}

interface Duplicate {
  code: string;
  session_id: string;
  delivered_on: string;
  id: string;
  created_at: string;
  rows: number | string | bigint | null;
}

/** What the operator reads when the migration stops: every meeting with two roll calls, and what to do. */
export function duplicatesMessage(duplicates: Duplicate[]): string {
  const meetings = new Map<string, Duplicate[]>();
  for (const d of duplicates) {
    const key = `bank ${d.code}, session ${d.session_id}, ${d.delivered_on}`;
    meetings.set(key, [...(meetings.get(key) ?? []), d]);
  }
  const lines = [...meetings].map(
    ([meeting, list]) =>
      `  - ${meeting}: ${list.map((d) => `delivery ${d.id} (saved ${d.created_at}, ${Number(d.rows ?? 0)} rows)`).join('; ')}`,
  );
  return [
    `${meetings.size} meeting(s) have more than one roll call, and from now on a meeting has one. Nothing was changed.`,
    ...lines,
    'For each meeting, ask its facilitator which roll call is right. Keep that one; for the others, delete their rows from `attendance` and then ' +
      'the delivery from `deliveries` (or, if it was another meeting, correct its date). Then start the server again, or run `npm run migrate`.',
  ].join('\n');
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('attendance_versions').execute();
  await db.schema.dropTable('roll_call_versions').execute();
  await db.schema.alterTable('deliveries').dropColumn('reopened_until').execute();
  await db.schema.alterTable('deliveries').dropColumn('version').execute();
  await db.schema.dropIndex('deliveries_one_per_meeting').execute();
}
