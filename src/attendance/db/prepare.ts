import { CamelCasePlugin, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Connection } from './connect.ts';
import { grantAppRole } from './grants.ts';
import { migrateToLatest, pendingMigrations } from './migrate.ts';
import { currentRole, ownsAuditLog } from './roles.ts';

export interface Prepared {
  /** Who ran the migrations: the owner's URL, the app's own (single-URL setups), or nobody (already up to date). */
  migratedAs: 'owner' | 'app' | 'none';
  /** The app role whose privileges were set, when the owner's URL was given. */
  grantedTo?: string;
}

/** The migrations are pending and the app role may not run them; the message says what to do. */
export class MigrationsPendingError extends Error {
  readonly code = 'migrations_pending';
  constructor(pending: string[], cause?: unknown) {
    super(
      `migrations_pending: ${pending.join(', ')} not run, and the role of DATABASE_URL does not own the schema. ` +
        'Run `npm run migrate` with DATABASE_OWNER_URL set (or set it for the server too).',
      { cause },
    );
  }
}

/**
 * Brings the schema up to date before the app's first query. On PostgreSQL with
 * DATABASE_OWNER_URL the owner migrates and then grants the app role exactly what it needs
 * (grants.ts); the owner's connection is closed again. With DATABASE_URL alone the app role
 * migrates as before when it owns the schema; when it does not (the owner migrated with
 * `npm run migrate`), it only checks that nothing is pending.
 */
export async function prepareDatabase(app: Connection, env: NodeJS.ProcessEnv = process.env): Promise<Prepared> {
  if (app.kind === 'sqlite') {
    await migrateToLatest(app.db);
    return { migratedAs: 'app' };
  }
  if (env.DATABASE_OWNER_URL) {
    const owner = new Kysely<any>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: env.DATABASE_OWNER_URL, max: 1 }) }),
      plugins: [new CamelCasePlugin()],
    });
    try {
      await migrateToLatest(owner);
      const role = await currentRole(app.db);
      // An app role that is the owner (the same URL twice) keeps its ownership; revoking would only
      // take its own table rights away. /api/health warns about it.
      if (role === (await currentRole(owner)) || (await ownsAuditLog(app.db))) return { migratedAs: 'owner' };
      await grantAppRole(owner, role);
      return { migratedAs: 'owner', grantedTo: role };
    } finally {
      await owner.destroy();
    }
  }
  const pending = await pendingMigrations(app.db);
  if (pending.length === 0) return { migratedAs: 'none' };
  try {
    await migrateToLatest(app.db);
  } catch (error) {
    // SQLSTATE 42501: permission denied or "must be owner", i.e. the owner has to run them.
    if ((error as { cause?: { code?: string } }).cause?.code === '42501')
      throw new MigrationsPendingError(pending, error);
    throw error;
  }
  return { migratedAs: 'app' };
}
