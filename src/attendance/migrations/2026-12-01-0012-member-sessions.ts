import { SqliteAdapter, sql, type Kysely } from 'kysely';

// The indicators count, per member, the distinct counted sessions she came to. Read from
// attendance that is a join of 1,000,000 rows with deliveries, a sort and a count(DISTINCT)
// over two text keys: 420–600 ms on SQLite, ~394 ms on PostgreSQL at 100,000 members (issue 13).
// member_sessions keeps the answer to the inner question, one row per (bank, member, session)
// she was marked present at, with how many meetings of that session that were (a make-up meeting
// of the same session is a second one). The services that write attendance keep it in step, in
// the same transaction (indicators/member-sessions.ts). It holds no date: a chosen period (only
// the facilitator's own banks) is still counted from attendance.
export async function up(db: Kysely<any>): Promise<void> {
  if (db.isTransaction) return forward(db);
  // SQLite gets no transaction from Kysely's migrator: the table and its backfill land together.
  await db.transaction().execute(forward);
}

async function forward(db: Kysely<any>): Promise<void> {
  const postgres = !(db.getExecutor().adapter instanceof SqliteAdapter);
  await db.schema
    .createTable('member_sessions')
    .addColumn('bank_id', 'text', (c) => c.notNull().references('banks.id'))
    .addColumn('member_id', 'text', (c) => c.notNull().references('members.id'))
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('meetings', 'integer', (c) => c.notNull().check(sql`meetings > 0`))
    // Key order = the indicators' GROUP BY order: the query reads the key in order, with no sort.
    .addPrimaryKeyConstraint('member_sessions_key', ['bank_id', 'member_id', 'session_id'])
    // SQLite: the table is its key (no rowid beside it), so the key is a covering index.
    .$call((t) => (postgres ? t : t.modifyEnd(sql`without rowid`)))
    .execute();
  // The erasure moves her rows to her anonymous id by member_id.
  await db.schema.createIndex('member_sessions_member').on('member_sessions').column('member_id').execute();
  await sql`
    insert into member_sessions (bank_id, member_id, session_id, meetings)
    select d.bank_id, a.member_id, d.session_id, count(*)
    from attendance a join deliveries d on d.id = a.delivery_id
    where a.present = 1
    group by d.bank_id, a.member_id, d.session_id`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('member_sessions').execute();
}
