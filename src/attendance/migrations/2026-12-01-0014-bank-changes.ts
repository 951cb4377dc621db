import type { Kysely } from 'kysely';

// Indicators at scale (issue 13): counting every member's sessions from member_sessions is a pass
// over ~550,000 rows at 100,000 members (about 160–200 ms on either database), while between two
// reads only the banks whose phones synced have changed. Each roll-call write stamps its bank
// with a new random token in the same transaction (indicators/bank-changes.ts); a reader keeps
// each bank's counts with the token it read before counting, and counts again only the banks
// whose token differs. A random token, not a counter: equal tokens mean the same write, even
// across a restore or a copy. No row: the bank has not been written since this migration.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('bank_changes')
    .addColumn('bank_id', 'text', (c) => c.primaryKey().references('banks.id'))
    .addColumn('change', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('bank_changes').execute();
}
