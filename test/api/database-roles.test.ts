import { execFile, execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { grantAppRole } from '../../src/attendance/db/grants.ts';
import { ApiClient } from '../support/api-client.ts';
import { PASSWORD, startApi } from '../support/api-world.ts';
import { projectRoot } from '../support/content-root.ts';
import { startPostgres, type RunningPostgres, type TwoRoleDatabase } from '../support/postgres.ts';
import { startServer, type RunningServer } from '../support/server.ts';

const run = promisify(execFile);

/** `npm run migrate`, as an operator runs it. */
const migrate = (env: Record<string, string>) =>
  run(process.execPath, [join(projectRoot, 'src/attendance/cli/migrate.ts')], {
    cwd: projectRoot,
    env: { ...process.env, ...env },
  });

async function as<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const count = async (client: pg.Client) =>
  Number((await client.query('select count(*) as n from audit_log')).rows[0].n);
const triggers = async (client: pg.Client) =>
  (
    await client.query(
      "select tgname, tgenabled from pg_trigger where tgrelid = 'audit_log'::regclass and not tgisinternal order by tgname",
    )
  ).rows;
const protectedTriggers = [
  { tgname: 'audit_log_no_change', tgenabled: 'O' },
  { tgname: 'audit_log_no_truncate', tgenabled: 'O' },
];

/** Every table privilege the role holds, per table of the schema. */
async function privilegesOf(client: pg.Client, role: string) {
  const { rows } = await client.query(
    `select t.tablename as table, array_agg(p.name order by p.name) filter (where has_table_privilege($1, format('%I.%I', t.schemaname, t.tablename), p.name)) as privileges
     from pg_tables t, unnest(array['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER']) as p(name)
     where t.schemaname = 'public' group by t.tablename order by t.tablename`,
    [role],
  );
  return Object.fromEntries(
    rows.map((r: { table: string; privileges: string[] | null }) => [r.table, r.privileges ?? []]),
  );
}

const dml = ['DELETE', 'INSERT', 'SELECT', 'UPDATE'];
const expectedPrivileges = {
  activities: dml,
  attendance: dml,
  attendance_versions: ['INSERT', 'SELECT'],
  audit_log: ['INSERT', 'SELECT'],
  auth_sessions: dml,
  // Each roll call stamps its bank with a new token (migration 0014): kept indicator counts know what changed.
  bank_changes: dml,
  banks: dml,
  deliveries: dml,
  delivery_steps: ['INSERT', 'SELECT'],
  installation: ['SELECT'],
  kysely_migration: ['SELECT'],
  kysely_migration_lock: [],
  login_throttle: dml,
  // Kept by the roll call services beside the marks (migration 0012): they add, count down and delete.
  member_sessions: dml,
  members: dml,
  organisations: dml,
  rate_limits: dml,
  regions: dml,
  roll_call_versions: ['INSERT', 'SELECT'],
  setup_codes: dml,
  users: dml,
  workshop_participants: dml,
  workshops: dml,
};

describe('PostgreSQL with an owner role that migrates and an app role that owns nothing', () => {
  let api: Awaited<ReturnType<typeof startApi>>;
  let roles: TwoRoleDatabase;

  beforeAll(async () => {
    api = await startApi('postgresql', 'roles', { roles: 'separate' });
    roles = api.roles!;
    // The server signs in as the app role, not as the owner.
    expect(api.databaseUrl).toBe(roles.appUrl);
  });
  afterAll(() => api?.stop());

  test('/api/health says the app role does not own the schema, with no warning', async () => {
    const response = await fetch(`${api.server.url}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ok',
      database: { kind: 'postgresql', reachable: true, appRoleOwnsSchema: false },
    });
  });

  test('a server given the owner’s URL as DATABASE_URL (a non-superuser that owns the tables) still works, and /api/health warns', async () => {
    const server = await startServer({ DATABASE_URL: roles.ownerUrl });
    try {
      const response = await fetch(`${server.url}/api/health`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        status: 'ok',
        database: { kind: 'postgresql', reachable: true, appRoleOwnsSchema: true },
        warnings: [{ code: 'app_role_owns_schema', message: expect.stringContaining('DATABASE_OWNER_URL') }],
      });
    } finally {
      await server.stop();
    }
  });

  test('the app role holds exactly select, insert, update, delete on the service tables and only select, insert on audit_log', async () => {
    const privileges = await as(roles.ownerUrl, (c) => privilegesOf(c, roles.appRole));
    expect(privileges).toEqual(expectedPrivileges);
    // Of a past roll call's marks, only the member column may change (an erasure moves it to her anonymous id).
    const columns = await as(roles.ownerUrl, (c) =>
      c.query(
        "select column_name as column, has_column_privilege($1, 'attendance_versions', column_name, 'UPDATE') as may from information_schema.columns where table_name = 'attendance_versions' order by column_name",
        [roles.appRole],
      ),
    );
    expect(columns.rows).toEqual([
      { column: 'delivery_id', may: false },
      { column: 'member_id', may: true },
      { column: 'present', may: false },
      { column: 'version', may: false },
    ]);
    // It owns nothing in the database.
    const owned = await as(roles.ownerUrl, (c) =>
      c.query(
        'select count(*)::int as n from pg_class where relowner = (select oid from pg_roles where rolname = $1)',
        [roles.appRole],
      ),
    );
    expect(owned.rows).toEqual([{ n: 0 }]);
  });

  test('the app role cannot switch off, drop, replace or go around the audit log’s protection, nor empty or rewrite it', async () => {
    await as(roles.appUrl, async (app) => {
      const before = await count(app);
      expect(before).toBeGreaterThan(0);
      const attempts: [string, RegExp][] = [
        ['alter table audit_log disable trigger audit_log_no_change', /must be owner of table audit_log/],
        ['alter table audit_log disable trigger all', /must be owner of table audit_log/],
        ['drop trigger audit_log_no_change on audit_log', /must be owner of (table|relation) audit_log/],
        ['drop trigger audit_log_no_truncate on audit_log', /must be owner of (table|relation) audit_log/],
        // Replacing the trigger's function with one that lets the change through would disarm both triggers.
        [
          'create or replace function audit_log_append_only() returns trigger language plpgsql as $$ begin return null; end $$',
          /permission denied for schema public|must be owner of function audit_log_append_only/,
        ],
        ['drop function audit_log_append_only() cascade', /must be owner of function audit_log_append_only/],
        ['truncate audit_log', /permission denied for table audit_log/],
        ["delete from audit_log where action = 'login.failed'", /permission denied for table audit_log/],
        ["update audit_log set action = 'x'", /permission denied for table audit_log/],
        ['drop table audit_log', /must be owner of table audit_log/],
        ['alter table audit_log rename to audit_log_old', /must be owner of table audit_log/],
        [`alter table audit_log owner to "${roles.appRole}"`, /must be owner of table audit_log/],
        // Replication mode skips ordinary triggers; only a superuser may turn it on.
        ['set session_replication_role = replica', /permission denied to set parameter "session_replication_role"/],
        [`set role "${roles.ownerRole}"`, /permission denied to set role/],
        // A look-alike table earlier on the search path is not possible either.
        ['create table public.audit_log_copy (id text)', /permission denied for schema public/],
        // Nor a temporary look-alike, which would come first on the app's own search path.
        ['create temporary table audit_log (id text)', /permission denied to create temporary tables/],
        ['delete from kysely_migration', /permission denied for table kysely_migration/],
      ];
      for (const [statement, refusal] of attempts)
        await expect(app.query(statement), statement).rejects.toThrow(refusal);
      expect(await count(app)).toBe(before);
      expect(await triggers(app)).toEqual(protectedTriggers);
    });
  });

  test('the app works as the app role: sign-in, a write, and reading the audit log that recorded both', async () => {
    const admin = await ApiClient.signedIn(api.server.url, 'admin@tejido.test', PASSWORD);
    const region = { id: randomUUID(), code: 'ROL', name: 'Región del rol de la aplicación' };
    expect((await admin.post('/api/v1/regions', region)).status).toBe(201);
    const log = await admin.get('/api/v1/audit?limit=10');
    expect(log.status).toBe(200);
    const actions = (log.body.entries as { action: string; entityId: string | null }[]).map((e) => [
      e.action,
      e.entityId,
    ]);
    expect(actions[0]).toEqual(['region.create', region.id]);
    expect(actions.map(([action]) => action)).toContain('login');
    // The first admin, made by `npm run admin` with the same two URLs, is there too.
    expect((await admin.get('/api/v1/audit?limit=500')).body.entries).toContainEqual(
      expect.objectContaining({ action: 'user.create', detail: { role: 'admin', via: 'command-line' } }),
    );
  });

  test('the owner role can disable the triggers, empty the log and drop the triggers (here rolled back): the protection is against the app, not the owner', async () => {
    await as(roles.ownerUrl, async (owner) => {
      const before = await count(owner);
      await owner.query('begin');
      await owner.query('alter table audit_log disable trigger user');
      await owner.query('delete from audit_log');
      expect(await count(owner)).toBe(0);
      await owner.query('drop trigger audit_log_no_change on audit_log');
      await owner.query('drop trigger audit_log_no_truncate on audit_log');
      await owner.query('truncate audit_log');
      await owner.query('rollback');
      expect(await count(owner)).toBe(before);
      expect(await triggers(owner)).toEqual(protectedTriggers);
      // With the triggers on, even the owner cannot rewrite it by accident.
      await expect(owner.query("update audit_log set action = 'x'")).rejects.toThrow(/append-only/);
      await expect(owner.query('truncate audit_log')).rejects.toThrow(/append-only/);
    });
  });

  test('a privilege granted by hand does not survive the next `npm run migrate`, and running it again changes nothing', async () => {
    await as(roles.ownerUrl, (owner) =>
      owner.query(`grant update, delete, truncate, trigger on audit_log to "${roles.appRole}"`),
    );
    expect((await as(roles.ownerUrl, (c) => privilegesOf(c, roles.appRole))).audit_log).toEqual([
      'DELETE',
      'INSERT',
      'SELECT',
      'TRIGGER',
      'TRUNCATE',
      'UPDATE',
    ]);
    const env = { DATABASE_URL: roles.appUrl, DATABASE_OWNER_URL: roles.ownerUrl };
    const first = await migrate(env);
    expect(first.stdout).toBe(
      `Database schema up to date on postgresql as the owner (DATABASE_OWNER_URL).\nRole ${roles.appRole} may read and write the tables, and only add to audit_log.\n`,
    );
    expect(await as(roles.ownerUrl, (c) => privilegesOf(c, roles.appRole))).toEqual(expectedPrivileges);
    await migrate(env);
    expect(await as(roles.ownerUrl, (c) => privilegesOf(c, roles.appRole))).toEqual(expectedPrivileges);
  });
  test('the grants step run by four processes at once, ten times over, never fails (PostgreSQL: "tuple concurrently updated")', async () => {
    const owners = Array.from(
      { length: 4 },
      () =>
        new Kysely<any>({
          dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: roles.ownerUrl, max: 1 }) }),
        }),
    );
    const errors: string[] = [];
    try {
      for (let i = 0; i < 10; i++)
        await Promise.all(
          owners.map((owner) => grantAppRole(owner, roles.appRole).catch((error) => errors.push(String(error)))),
        );
    } finally {
      for (const owner of owners) await owner.destroy();
    }
    expect(errors).toEqual([]);
    expect(await as(roles.ownerUrl, (c) => privilegesOf(c, roles.appRole))).toEqual(expectedPrivileges);
  });
});

describe('the owner migrates with `npm run migrate`; the server gets the app role’s URL only', () => {
  let postgres: RunningPostgres;
  let roles: TwoRoleDatabase;
  let server: RunningServer;

  beforeAll(async () => {
    postgres = await startPostgres();
    roles = await postgres.createDatabaseWithRoles('migratecli');
    server = await startServer({ DATABASE_URL: roles.appUrl });
  });
  afterAll(async () => {
    await server?.stop();
    await postgres?.stop();
  });

  test('before the owner has migrated, the server refuses with a 500 and says in its log what to run; afterwards the same process answers', async () => {
    const early = await fetch(`${server.url}/api/health`);
    expect(early.status).toBe(500);
    const body = (await early.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('internal_error');
    // The client learns nothing about the database; the operator reads the server's log.
    expect(JSON.stringify(body)).not.toMatch(/migrat|owner|DATABASE/i);
    expect(server.output()).toMatch(
      /migrations_pending: 2026-11-23-0001-meta, .* Run `npm run migrate` with DATABASE_OWNER_URL set/,
    );
    // The app role got nowhere: no table was made.
    expect(
      await postgres.query('migratecli', "select count(*)::int as n from pg_tables where schemaname = 'public'"),
    ).toEqual([{ n: 0 }]);

    const migrated = await migrate({ DATABASE_URL: roles.appUrl, DATABASE_OWNER_URL: roles.ownerUrl });
    expect(migrated.stdout).toContain(
      `Role ${roles.appRole} may read and write the tables, and only add to audit_log.`,
    );
    const later = await fetch(`${server.url}/api/health`);
    expect(later.status).toBe(200);
    expect(await later.json()).toEqual({
      status: 'ok',
      database: { kind: 'postgresql', reachable: true, appRoleOwnsSchema: false },
    });
  });

  test('`npm run admin` with the app role’s URL alone makes the first admin, who signs in', async () => {
    const made = execFileSync(
      process.execPath,
      [
        join(projectRoot, 'src/attendance/cli/admin.ts'),
        'create-admin',
        '--email',
        'admin@tejido.test',
        '--name',
        'Admin',
        '--password-stdin',
      ],
      {
        cwd: projectRoot,
        env: { ...process.env, DATABASE_URL: roles.appUrl },
        input: PASSWORD,
        encoding: 'utf8',
      },
    );
    expect(made).toMatch(/^Created admin admin@tejido.test \(.+\) on postgresql\.$/m);
    const admin = await ApiClient.signedIn(server.url, 'admin@tejido.test', PASSWORD);
    expect((await admin.get('/api/v1/me')).body.user).toMatchObject({ email: 'admin@tejido.test', role: 'admin' });
  });
});
