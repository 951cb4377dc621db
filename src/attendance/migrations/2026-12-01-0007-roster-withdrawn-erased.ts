import { sql, type Kysely } from 'kysely';

// The roster, as the programme office keeps it (issue 19):
// - `withdrawn_on`: the day a woman left the bank (a baja). She stays on the roster, with her
//   attendance, so figures about the past do not change; the field app leaves her out of new roll calls.
// - `erased_at`: she used her right under Ley 29733 to have her data erased. Her name and code are gone from
//   the row (services overwrite them); the row stays, under a new random id, so that her attendance
//   rows keep counting in the indicators without anything that points back to her.
// - Member codes are one code whatever the case: `s-01` and `S-01` are the same woman's code in a
//   bank. The database says so with a unique index on lower(member_code), so two imports racing
//   each other cannot both store one. Codes are ASCII letters, digits and hyphens (api-schemas.ts),
//   so SQLite's lower() (ASCII only) and PostgreSQL's agree.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('members').addColumn('withdrawn_on', 'text').execute();
  await db.schema.alterTable('members').addColumn('erased_at', 'text').execute();
  // Codes stored before this rule that now collide must be settled by a person: which of the two
  // is the right woman is not something a migration can guess. Stop, naming bank and codes (never names).
  const clashes = await sql<{ bank_id: string; code: string; n: number | string }>`
    select bank_id, lower(member_code) as code, count(*) as n from members
    group by bank_id, lower(member_code) having count(*) > 1`.execute(db);
  if (clashes.rows.length) {
    const list = clashes.rows.map((r) => `bank ${r.bank_id}: ${r.code} (${r.n} members)`).join('; ');
    throw new Error(
      `Member codes that differ only in upper/lower case must be made different before this migration: ${list}.`,
    );
  }
  await sql`create unique index members_code_nocase on members (bank_id, lower(member_code))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index members_code_nocase`.execute(db);
  await db.schema.alterTable('members').dropColumn('erased_at').execute();
  await db.schema.alterTable('members').dropColumn('withdrawn_on').execute();
}
