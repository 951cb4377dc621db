import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

/** A database whose tables belong to one role while the server signs in as another (README, "Two database roles"). */
export interface TwoRoleDatabase {
  /** DATABASE_OWNER_URL: owns the schema, runs the migrations. */
  ownerUrl: string;
  /** DATABASE_URL: the server's role, which owns nothing. */
  appUrl: string;
  ownerRole: string;
  appRole: string;
}

export interface RunningPostgres {
  /** Creates a fresh database and returns its URL. */
  createDatabase: (name: string) => Promise<string>;
  /** Creates a fresh database owned by a new owner role, and a new app role that owns nothing, as the README tells an MFI to. */
  createDatabaseWithRoles: (name: string) => Promise<TwoRoleDatabase>;
  query: (database: string, sql: string) => Promise<unknown[]>;
  stop: () => Promise<void>;
}

/** Databases (and roles) in the run's shared test cluster (started by global-setup.ts), dropped on stop. */
export async function startPostgres(): Promise<RunningPostgres> {
  const adminUrl = inject('postgresAdminUrl');
  const suffix = randomBytes(4).toString('hex');
  const created: string[] = [];
  const roles: string[] = [];
  const urlOf = (name: string, user = 'postgres') =>
    adminUrl.replace(/\/\/postgres@/, `//${user}@`).replace(/\/postgres$/, `/${name}_${suffix}`);
  const admin = async <T>(fn: (client: pg.Client) => Promise<T>, url = adminUrl) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  };
  return {
    createDatabase: async (name) => {
      await admin((c) => c.query(`create database "${name}_${suffix}"`));
      created.push(`${name}_${suffix}`);
      return urlOf(name);
    },
    createDatabaseWithRoles: async (name) => {
      const database = `${name}_${suffix}`;
      const ownerRole = `${name}_owner_${suffix}`;
      const appRole = `${name}_app_${suffix}`;
      // The README's statements; the test cluster trusts local sign-ins, so no passwords.
      await admin(async (c) => {
        await c.query(`create role "${ownerRole}" login`);
        await c.query(`create role "${appRole}" login`);
        roles.push(appRole, ownerRole);
        await c.query(`create database "${database}" owner "${ownerRole}"`);
        created.push(database);
        await c.query(`revoke all on database "${database}" from public`);
        await c.query(`grant connect on database "${database}" to "${appRole}"`);
      });
      await admin(async (c) => {
        await c.query(`alter schema public owner to "${ownerRole}"`);
        await c.query('revoke create on schema public from public');
      }, urlOf(name));
      return { ownerUrl: urlOf(name, ownerRole), appUrl: urlOf(name, appRole), ownerRole, appRole };
    },
    query: (database, sql) => admin(async (c) => (await c.query(sql)).rows, urlOf(database)),
    stop: async () => {
      for (const db of created) await admin((c) => c.query(`drop database if exists "${db}" with (force)`));
      for (const role of roles) await admin((c) => c.query(`drop role if exists "${role}"`));
    },
  };
}

/**
 * A pool for a test's own connections to a database of the shared cluster. `stop()` drops the
 * databases `with (force)`, which ends any connection still closing with "terminating connection
 * due to administrator command" (57P01): expected at the end of a file, so only that is ignored.
 */
export function testPool(connectionString: string, max: number): pg.Pool {
  class EndsQuietly extends pg.Client {
    constructor(config?: string | pg.ClientConfig) {
      super(config);
      this.on('error', (error: Error & { code?: string }) => {
        if (error.code !== '57P01') throw error;
      });
    }
  }
  const pool = new pg.Pool({ connectionString, max, Client: EndsQuietly });
  // The pool re-emits an idle client's error on itself, where nobody else listens.
  pool.on('error', (error: Error & { code?: string }) => {
    if (error.code !== '57P01') throw error;
  });
  return pool;
}
