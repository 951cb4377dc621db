import { sql } from 'kysely';
import type { Connection } from './connect.ts';
import { ownsAuditLog } from './roles.ts';

export interface HealthWarning {
  code: 'app_role_owns_schema';
  message: string;
}

export interface Health {
  status: 'ok' | 'degraded';
  database: {
    kind: Connection['kind'];
    reachable: boolean;
    /** PostgreSQL only: true when the server's own role could disable the audit log's triggers. */
    appRoleOwnsSchema?: boolean;
  };
  warnings?: HealthWarning[];
}

const ownsSchemaWarning: HealthWarning = {
  code: 'app_role_owns_schema',
  message:
    'The role in DATABASE_URL owns the tables, so it could switch off the audit log’s protection. Give the ' +
    'server a role that owns nothing and migrate with DATABASE_OWNER_URL (README, "Two database roles").',
};

/** Answers /api/health: which database is in use, whether it answers a query, and (PostgreSQL) whether the app role is too powerful. */
export async function checkHealth(connection: Connection): Promise<Health> {
  try {
    await sql`select 1`.execute(connection.db);
    if (connection.kind === 'sqlite') return { status: 'ok', database: { kind: 'sqlite', reachable: true } };
    const owns = await ownsAuditLog(connection.db);
    // Still "ok": today's single-URL setups keep working, the warning says what to change.
    return {
      status: 'ok',
      database: { kind: 'postgresql', reachable: true, appRoleOwnsSchema: owns },
      ...(owns ? { warnings: [ownsSchemaWarning] } : {}),
    };
  } catch {
    return { status: 'degraded', database: { kind: connection.kind, reachable: false } };
  }
}
