import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { copySqliteToPostgres, matches } from '../../src/attendance/db/copy.ts';
import { nodeSqliteDialect } from '../../src/attendance/db/node-sqlite-dialect.ts';
import { sessionsOfManual } from '../../src/curriculum/resolve.ts';
import { ApiClient } from '../support/api-client.ts';
import { members, PASSWORD, seedWorld, startApi, type World } from '../support/api-world.ts';
import { sourceCurriculum } from '../support/built-site.ts';
import { projectRoot } from '../support/content-root.ts';
import { startPostgres, type RunningPostgres } from '../support/postgres.ts';
import { startServer, type RunningServer } from '../support/server.ts';

const counted = sessionsOfManual(sourceCurriculum(), 'genero-y-violencia').filter((s) => s.countsTowardCompletion);

/** `npm run copy-to-postgres`, as an operator runs it. */
function copy(env: Record<string, string>) {
  const run = spawnSync(process.execPath, [join(projectRoot, 'src/attendance/cli/copy-to-postgres.ts')], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_URL: '', DATABASE_OWNER_URL: '', ...env },
    encoding: 'utf8',
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Every view of the indicators the three roles have, for each programme. */
async function indicators(clients: Record<string, ApiClient>, programmes: string[]) {
  const seen: Record<string, unknown> = {};
  for (const [who, client] of Object.entries(clients)) {
    for (const programme of programmes) {
      for (const groupBy of ['', '&groupBy=bank', '&groupBy=region']) {
        const answer = await client.get(`/api/v1/indicators?programmeId=${programme}${groupBy}`);
        seen[`${who} ${programme} ${groupBy || 'total'}`] = { status: answer.status, body: answer.body };
      }
    }
  }
  return seen;
}

const signIn = async (url: string) => ({
  admin: await ApiClient.signedIn(url, 'admin@tejido.test', PASSWORD),
  coordinator: await ApiClient.signedIn(url, 'coorda@tejido.test', PASSWORD),
  facilitator: await ApiClient.signedIn(url, 'faca@tejido.test', PASSWORD),
});
/** Every programme the organisation runs (content/organisation.yaml). */
const programmes: string[] = parse(readFileSync(join(projectRoot, 'content/organisation.yaml'), 'utf8')).programmes;

describe('npm run copy-to-postgres', () => {
  let sqliteFile: string;
  let world: World;
  let before: Record<string, unknown>;
  let postgres: RunningPostgres;
  let onPostgres: RunningServer | undefined;
  let firstCopy: ReturnType<typeof copy>;
  let target: { ownerUrl: string; appUrl: string };

  beforeAll(async () => {
    // An organisation as the API writes it on SQLite: roll calls (with a correction), a workshop, activities, an erasure.
    const api = await startApi('sqlite', 'copy');
    world = await seedWorld(api.server.url, api.admin);
    const { facA, facB, coordA } = world.users;
    for (const [bankId, owner, prefix] of [
      [world.banks.a1, facA, 'A'],
      [world.banks.b1, facB, 'B'],
    ] as const) {
      const roster = members(40, prefix);
      expect((await owner.client.post(`/api/v1/banks/${bankId}/members`, { members: roster })).status).toBe(200);
      for (const [s, session] of counted.entries()) {
        const records = roster.map((m, i) => ({ id: randomUUID(), memberId: m.id, present: (i + s) % 3 !== 0 }));
        const answer = await owner.client.post('/api/v1/attendance-batches', {
          delivery: { id: randomUUID(), bankId, sessionId: session.id, deliveredOn: `2026-0${3 + (s % 6)}-1${s}` },
          records,
        });
        expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      }
    }
    const workshopId = randomUUID();
    expect(
      (
        await coordA.client.post('/api/v1/workshops', {
          id: workshopId,
          regionId: world.regions.a,
          title: 'Taller de lideresas',
          startsOn: '2026-05-04',
          days: 3,
          place: 'Huamanga',
        })
      ).status,
    ).toBe(200);
    const roster = (await facA.client.get(`/api/v1/banks/${world.banks.a1}/members`)).body.members as { id: string }[];
    const participants = roster
      .slice(0, 15)
      .map((m, i) => ({ id: randomUUID(), memberId: m.id, daysAttended: i < 12 ? 3 : 1 }));
    expect((await api.admin.post(`/api/v1/workshops/${workshopId}/participants`, { participants })).status).toBe(200);
    for (const [i, reached] of [
      { women: 40, men: 12, girls: 3, boys: 5 },
      { women: 7, men: 0, girls: 0, boys: 0 },
    ].entries()) {
      expect(
        (
          await facA.client.post('/api/v1/activities', {
            id: randomUUID(),
            bankId: world.banks.a1,
            heldOn: `2026-1${i}-25`,
            place: 'Plaza de armas',
            activityType: '25-noviembre',
            reached,
          })
        ).status,
      ).toBe(200);
    }
    before = await indicators(await signIn(api.server.url), programmes);
    await api.server.stop();
    sqliteFile = join(api.server.dataDir, 'tejido.sqlite');

    postgres = await startPostgres();
    const roles = await postgres.createDatabaseWithRoles('copied');
    target = { ownerUrl: roles.ownerUrl, appUrl: roles.appUrl };
    firstCopy = copy({
      DATA_DIR: api.server.dataDir,
      DATABASE_OWNER_URL: roles.ownerUrl,
      DATABASE_URL: roles.appUrl,
      TEJIDO_KEY_FILE: api.server.keyFile as string,
    });
    // The server signs in as the app role only: the copy must have given it its privileges.
    // Names are copied sealed: the PostgreSQL server opens them with the same data key.
    if (firstCopy.status === 0)
      onPostgres = await startServer({ DATABASE_URL: roles.appUrl, TEJIDO_KEY_FILE: api.server.keyFile as string });
    await api.stop();
  });
  afterAll(async () => {
    await onPostgres?.stop();
    await postgres?.stop();
  });

  test('copies every table and says so, table by table', () => {
    expect(firstCopy.status, firstCopy.stderr).toBe(0);
    const source = new DatabaseSync(sqliteFile, { readOnly: true });
    const tables = source
      .prepare(
        "select name from sqlite_master where type = 'table' and name not like 'kysely_migration%' and substr(name, 1, 7) <> 'sqlite_'",
      )
      .all() as { name: string }[];
    for (const { name } of tables) {
      const { n } = source.prepare(`select count(*) as n from "${name}"`).get() as { n: number };
      expect(firstCopy.stdout, name).toMatch(new RegExp(`^${name} +${n} +${n} +[0-9a-f]{12} +same$`, 'm'));
    }
    source.close();
    expect(firstCopy.stdout).toMatch(/Copied \d+ rows in \d+ tables in [\d.]+ s/);
    console.log(firstCopy.stdout);
  });

  test('the indicators are the same on PostgreSQL, for the admin, a coordinator and a facilitator, and everyone can still sign in', async () => {
    expect(onPostgres).toBeDefined();
    const after = await indicators(await signIn(onPostgres!.url), programmes);
    expect(Object.keys(after)).toHaveLength(3 * programmes.length * 3);
    expect(Object.values(after).every((a) => (a as { status: number }).status === 200)).toBe(true);
    // Real figures, not two empty answers that agree.
    expect(
      (before['facilitator imagen-peru total'] as { body: { total: { enrolled: number; completed: number } } }).body
        .total,
    ).toMatchObject({ enrolled: 40, completed: expect.any(Number) });
    expect(after).toEqual(before);
    for (const email of ['coordb@tejido.test', 'faca2@tejido.test', 'facb@tejido.test'])
      await ApiClient.signedIn(onPostgres!.url, email, PASSWORD);
  });

  test('a second run refuses: the target is not empty', () => {
    const again = copy({
      DATA_DIR: join(sqliteFile, '..'),
      DATABASE_OWNER_URL: target.ownerUrl,
      DATABASE_URL: target.appUrl,
    });
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/not empty: .*organisations \(1 rows\)/);
  });

  test('a table SQLite has and this command does not know refuses the copy, naming it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tejido-copy-'));
    copyFileSync(sqliteFile, join(dir, 'tejido.sqlite'));
    const file = new DatabaseSync(join(dir, 'tejido.sqlite'));
    file.exec("create table field_notes (id text primary key, body text); insert into field_notes values ('n1', 'x')");
    file.close();
    const url = await postgres.createDatabase('extra');
    const refused = copy({ DATA_DIR: dir, DATABASE_URL: url });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('table field_notes is in SQLite but not in PostgreSQL');
    expect(await postgres.query('extra', 'select count(*)::int as n from organisations')).toEqual([{ n: 0 }]);
  });

  test('a value PostgreSQL cannot store rolls the whole copy back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tejido-copy-'));
    copyFileSync(sqliteFile, join(dir, 'tejido.sqlite'));
    const file = new DatabaseSync(join(dir, 'tejido.sqlite'));
    // SQLite keeps a text in an integer column; PostgreSQL does not.
    file.exec("update activities set reached_women = 'many' where rowid = (select max(rowid) from activities)");
    file.close();
    const url = await postgres.createDatabase('bad');
    const failed = copy({ DATA_DIR: dir, DATABASE_URL: url });
    expect(failed.status).toBe(1);
    for (const table of ['organisations', 'users', 'attendance', 'audit_log']) {
      expect(await postgres.query('bad', `select count(*)::int as n from ${table}`), table).toEqual([{ n: 0 }]);
    }
  });

  test('chunks of a few rows, read by key, copy the same rows as one chunk', async () => {
    const url = await postgres.createDatabase('chunks');
    const source = new Kysely<any>({ dialect: nodeSqliteDialect(sqliteFile) });
    const target = new Kysely<any>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }),
    });
    try {
      const report = await copySqliteToPostgres(source, target, { chunkRows: 7 });
      expect(report.tables.every(matches)).toBe(true);
      // The same checksums as the command's one-chunk run printed.
      for (const t of report.tables)
        expect(firstCopy.stdout).toMatch(
          new RegExp(`^${t.table} +${t.sqliteRows} +${t.sqliteRows} +${t.sqliteChecksum.slice(0, 12)} +same$`, 'm'),
        );
    } finally {
      await source.destroy();
      await target.destroy();
    }
  });

  test('without DATABASE_URL, or without a SQLite file, it says what to set', () => {
    expect(copy({ DATA_DIR: join(sqliteFile, '..') })).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('Set DATABASE_URL'),
    });
    expect(copy({ DATA_DIR: mkdtempSync(join(tmpdir(), 'tejido-none-')), DATABASE_URL: target.appUrl })).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('No SQLite database'),
    });
  });
});
