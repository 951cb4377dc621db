import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, type RunningServer } from '../support/server.ts';
import { startPostgres, type RunningPostgres } from '../support/postgres.ts';

describe('GET /api/health on the embedded SQLite database', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server?.stop());

  test('answers JSON naming the database, and creates its file under DATA_DIR on first use', async () => {
    const response = await fetch(`${server.url}/api/health`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(await response.json()).toEqual({ status: 'ok', database: { kind: 'sqlite', reachable: true } });
    expect(existsSync(join(server.dataDir, 'tejido.sqlite'))).toBe(true);
  });

  test('an unknown API path answers the JSON error shape, not the HTML 404 page', async () => {
    const response = await fetch(`${server.url}/api/v1/nothing-here`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: { code: 'not_found', message: 'There is no API route /api/v1/nothing-here.' },
    });
  });
});

describe('GET /api/health on PostgreSQL (DATABASE_URL)', () => {
  let postgres: RunningPostgres;
  let server: RunningServer;
  beforeAll(async () => {
    postgres = await startPostgres();
    server = await startServer({ DATABASE_URL: await postgres.createDatabase('health') });
  });
  afterAll(async () => {
    await server?.stop();
    await postgres?.stop();
  });

  test('answers JSON naming PostgreSQL and has run the migrations there, warning that its one role owns the tables', async () => {
    const response = await fetch(`${server.url}/api/health`);
    expect(response.status).toBe(200);
    // One URL, as before: it still works, but that role could switch the audit log's triggers off.
    expect(await response.json()).toEqual({
      status: 'ok',
      database: { kind: 'postgresql', reachable: true, appRoleOwnsSchema: true },
      warnings: [{ code: 'app_role_owns_schema', message: expect.stringContaining('DATABASE_OWNER_URL') }],
    });
    const rows = await postgres.query('health', 'select count(*)::int as n from installation');
    expect(rows).toEqual([{ n: 1 }]);
  });

  test('the database ending every connection (a restart, a failover) does not end the server: it reconnects', async () => {
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    const ended = await postgres.query(
      'health',
      'select count(pg_terminate_backend(pid))::int as n from pg_stat_activity ' +
        'where datname = current_database() and pid <> pg_backend_pid()',
    );
    expect((ended[0] as { n: number }).n).toBeGreaterThanOrEqual(1);
    // Let the server hear the closed connections before it is asked again.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const response = await fetch(`${server.url}/api/health`);
    expect(response.status).toBe(200);
    expect((await response.json()).database).toMatchObject({ kind: 'postgresql', reachable: true });
    expect(server.output()).toContain('database: an idle connection was closed (57P01); it will be replaced');
  });
});

describe('GET /api/health with DATABASE_OWNER_URL but no DATABASE_URL', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ DATABASE_OWNER_URL: 'postgres://tejido_owner@127.0.0.1:1/tejido' });
  });
  afterAll(() => server?.stop());

  test('refuses instead of quietly starting on an empty SQLite file, and the log says which setting is missing', async () => {
    const response = await fetch(`${server.url}/api/health`);
    expect(response.status).toBe(500);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('internal_error');
    expect(server.output()).toContain('database_config: DATABASE_OWNER_URL is set but DATABASE_URL');
    expect(existsSync(join(server.dataDir, 'tejido.sqlite'))).toBe(false);
  });
});
