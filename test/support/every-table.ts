import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import pg from 'pg';

/**
 * Each table's rows as one text, read straight from SQLite's file or PostgreSQL (not through the
 * API), so a test can look for a name or an id anywhere the database keeps it.
 */
export async function everyTable(api: {
  databaseUrl?: string;
  server: { dataDir: string };
}): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  if (api.databaseUrl) {
    const client = new pg.Client({ connectionString: api.databaseUrl });
    await client.connect();
    try {
      const tables = await client.query<{ tablename: string }>(
        'select tablename from pg_tables where schemaname = current_schema()',
      );
      for (const { tablename } of tables.rows)
        out[tablename] = JSON.stringify((await client.query(`select * from "${tablename}"`)).rows);
    } finally {
      await client.end();
    }
  } else {
    const file = new DatabaseSync(join(api.server.dataDir, 'tejido.sqlite'), { readOnly: true });
    try {
      const tables = file.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[];
      for (const { name } of tables) out[name] = JSON.stringify(file.prepare(`select * from "${name}"`).all());
    } finally {
      file.close();
    }
  }
  return out;
}
