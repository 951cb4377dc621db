import { sql } from 'kysely';
import type { Connection } from './connect.ts';

export interface Health {
  status: 'ok' | 'degraded';
  database: { kind: Connection['kind']; reachable: boolean };
}

/** Answers /api/health: which database is in use and whether it answers a query. */
export async function checkHealth(connection: Connection): Promise<Health> {
  try {
    await sql`select 1`.execute(connection.db);
    return { status: 'ok', database: { kind: connection.kind, reachable: true } };
  } catch {
    return { status: 'degraded', database: { kind: connection.kind, reachable: false } };
  }
}
