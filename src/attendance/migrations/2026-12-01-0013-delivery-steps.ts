import { sql, type Kysely } from 'kysely';

// Delivery fidelity (issue 17): which agenda steps of the session a roll call says were done.
// Step indexes only, never text, so nothing a facilitator could type (a disclosure, a name) can
// land here. Kept per roll-call version like the marks: a correction may change the steps, and
// the earlier versions' steps stay as they were. `roll_call_versions.steps_reported` tells "she
// ticked none" (1, no rows) from "she did not say" (0): only the first count as deliveries in a
// share.
export async function up(db: Kysely<any>): Promise<void> {
  if (db.isTransaction) return forward(db);
  await db.transaction().execute(forward);
}

async function forward(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('roll_call_versions')
    .addColumn('steps_reported', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`steps_reported in (0, 1)`),
    )
    .execute();
  await db.schema
    .createTable('delivery_steps')
    .addColumn('delivery_id', 'text', (c) => c.notNull().references('deliveries.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    // 0-based index into the session's agenda (the API checks it against the curriculum).
    .addColumn('step_index', 'integer', (c) => c.notNull().check(sql`step_index >= 0 and step_index < 1000`))
    .addPrimaryKeyConstraint('delivery_steps_pk', ['delivery_id', 'version', 'step_index'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('delivery_steps').execute();
  await db.schema.alterTable('roll_call_versions').dropColumn('steps_reported').execute();
}
