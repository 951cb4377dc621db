import type { Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import { migrations } from '../migrations/index.ts';

// Migrations are imported, not read from a folder, so they travel inside the server bundle.
const provider: MigrationProvider = { getMigrations: async () => migrations as Record<string, Migration> };

/** Runs every pending migration forward; Kysely runs each in a transaction where the database allows. */
export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error)
    throw new Error(`Database migration ${failed?.migrationName ?? ''} failed: ${String(error)}`, { cause: error });
}

/** Names of the migrations not yet run. Reads only, so a role that may not create tables can ask. */
export async function pendingMigrations(db: Kysely<any>): Promise<string[]> {
  const all = await new Migrator({ db, provider }).getMigrations();
  return all.filter((m) => !m.executedAt).map((m) => m.name);
}
