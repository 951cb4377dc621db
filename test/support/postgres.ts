import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

export interface RunningPostgres {
  /** Creates a fresh database and returns its URL. */
  createDatabase: (name: string) => Promise<string>;
  query: (database: string, sql: string) => Promise<unknown[]>;
  stop: () => Promise<void>;
}

/** Databases in the run's shared test cluster (started by global-setup.ts), dropped on stop. */
export async function startPostgres(): Promise<RunningPostgres> {
  const adminUrl = inject('postgresAdminUrl');
  const suffix = randomBytes(4).toString('hex');
  const created: string[] = [];
  const urlOf = (name: string) => adminUrl.replace(/\/postgres$/, `/${name}_${suffix}`);
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
    query: (database, sql) => admin(async (c) => (await c.query(sql)).rows, urlOf(database)),
    stop: async () => {
      for (const db of created) await admin((c) => c.query(`drop database if exists "${db}" with (force)`));
    },
  };
}
