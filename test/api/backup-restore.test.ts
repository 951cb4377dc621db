import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sessionsOfManual } from '../../src/curriculum/resolve.ts';
import { ApiClient } from '../support/api-client.ts';
import { databases, members, PASSWORD, seedWorld, startApi, type World } from '../support/api-world.ts';
import { sourceCurriculum } from '../support/built-site.ts';
import { cli } from '../support/backups.ts';
import { startPostgres, type RunningPostgres } from '../support/postgres.ts';
import { startServer, type RunningServer } from '../support/server.ts';

const BATCHES = 20;
const ROSTER = 200;
/** Between two batches' starts: the 20 span 2 s, so the backup command (about 0.5 s to start) copies mid-stream. */
const SPACING_MS = 100;
const curriculum = sourceCurriculum();
/** The programme the indicators below are asked for, and its completion rule: read from the content, not restated. */
const { completionRule } = curriculum.programmes.find((p) => p.id === 'imagen-peru')!;
const counted = sessionsOfManual(curriculum, completionRule.manual).filter((s) => s.countsTowardCompletion);
/** Of the September roll calls below (woman i is present at counted session s unless (i + s) % 3 = 0): who completed. */
const completedInSeptember = Array.from(
  { length: ROSTER },
  (_, i) => counted.filter((_, s) => (i + s) % 3 !== 0).length,
).filter((attended) => attended >= completionRule.minSessions).length;

/** Row counts and per-delivery counts, read straight from a database, not through the API. */
type Reader = (sql: string) => Promise<Record<string, unknown>[]>;
function sqliteReader(dataDir: string): { read: Reader; close: () => Promise<void> } {
  const file = new DatabaseSync(join(dataDir, 'tejido.sqlite'), { readOnly: true });
  return { read: async (sql) => file.prepare(sql).all() as Record<string, unknown>[], close: async () => file.close() };
}
async function pgReader(url: string): Promise<{ read: Reader; close: () => Promise<void> }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return { read: async (sql) => (await client.query(sql)).rows, close: () => client.end() };
}

const tables = [
  'organisations',
  'regions',
  'users',
  'banks',
  'members',
  'deliveries',
  'attendance',
  'roll_call_versions',
  'attendance_versions',
  'delivery_steps',
  'activities',
];
async function rowCounts(read: Reader): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const t of tables) counts[t] = Number((await read(`select count(*) as n from ${t}`))[0]!.n);
  return counts;
}
async function perDelivery(
  read: Reader,
): Promise<Map<string, { attendance: number; versions: number; marks: number }>> {
  const rows = await read(`select d.id,
      (select count(*) from attendance a where a.delivery_id = d.id) as attendance,
      (select count(*) from roll_call_versions v where v.delivery_id = d.id) as versions,
      (select count(*) from attendance_versions m where m.delivery_id = d.id) as marks
    from deliveries d`);
  return new Map(
    rows.map((r) => [
      String(r.id),
      { attendance: Number(r.attendance), versions: Number(r.versions), marks: Number(r.marks) },
    ]),
  );
}

describe.each(databases)('a backup taken on %s while 20 roll calls are being written', (kind) => {
  let api: Awaited<ReturnType<typeof startApi>>;
  let world: World;
  let restoredServer: RunningServer | undefined;
  let restoreCluster: RunningPostgres | undefined;
  let backupFile: string;
  const sourceEnv: Record<string, string> = {};
  const restoreEnv: Record<string, string> = {};
  const days: string[] = [];
  const deliveryOfDay = new Map<string, string>();
  const answeredBeforeBackup = new Set<string>();
  let backupLine = '';

  beforeAll(async () => {
    api = await startApi(kind, 'backup', { roles: 'separate' });
    world = await seedWorld(api.server.url, api.admin);
    if (kind === 'postgresql')
      Object.assign(sourceEnv, { DATABASE_URL: api.roles!.appUrl, DATABASE_OWNER_URL: api.roles!.ownerUrl });
    else sourceEnv.DATA_DIR = api.server.dataDir;
    const facA = world.users.facA.client;
    const roster = members(ROSTER);
    expect((await facA.post(`/api/v1/banks/${world.banks.a1}/members`, { members: roster })).status).toBe(200);
    // Earlier roll calls, all committed long before the backup: September 2025.
    for (const [s, session] of counted.entries()) {
      const records = roster.map((m, i) => ({ id: randomUUID(), memberId: m.id, present: (i + s) % 3 !== 0 }));
      const answer = await facA.post('/api/v1/attendance-batches', {
        delivery: {
          id: randomUUID(),
          bankId: world.banks.a1,
          sessionId: session.id,
          deliveredOn: `2025-09-${String(s + 1).padStart(2, '0')}`,
        },
        records,
      });
      expect(answer.status).toBe(200);
    }
    // 20 roll calls, one a day in January 2026, sent SPACING_MS apart; the backup starts while they are under way.
    const answered = new Set<string>();
    const sends = Array.from({ length: BATCHES }, async (_, b) => {
      const day = `2026-01-${String(b + 1).padStart(2, '0')}`;
      const id = randomUUID();
      days.push(day);
      deliveryOfDay.set(day, id);
      await new Promise((r) => setTimeout(r, b * SPACING_MS));
      const records = roster.map((m, i) => ({ id: randomUUID(), memberId: m.id, present: (i * (b + 1)) % 5 < 3 }));
      const answer = await facA.post('/api/v1/attendance-batches', {
        delivery: { id, bankId: world.banks.a1, sessionId: counted[b % counted.length]!.id, deliveredOn: day },
        records,
      });
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      answered.add(id);
    });
    await new Promise((r) => setTimeout(r, (BATCHES / 2 - 3) * SPACING_MS));
    // What had answered 200 when the backup started must be in it.
    for (const id of answered) answeredBeforeBackup.add(id);
    const backupDir = mkdtempSync(join(tmpdir(), 'tejido-backups-'));
    const taken = await cli('backup', ['--to', backupDir], sourceEnv);
    const answeredDuring = answered.size - answeredBeforeBackup.size;
    expect(taken.code, taken.stderr).toBe(0);
    backupLine = taken.stdout.trim();
    backupFile = /written to (\S+) \(/.exec(backupLine)![1]!;
    await Promise.all(sends);
    console.log(
      `${kind}: of ${BATCHES} roll calls, ${answeredBeforeBackup.size} had answered before the backup began and ${answeredDuring} while it ran. ${backupLine}`,
    );

    if (kind === 'postgresql') {
      restoreCluster = await startPostgres();
      const target = await restoreCluster.createDatabaseWithRoles('restored');
      Object.assign(restoreEnv, { DATABASE_URL: target.appUrl, DATABASE_OWNER_URL: target.ownerUrl });
    } else restoreEnv.DATA_DIR = mkdtempSync(join(tmpdir(), 'tejido-restored-'));
    const restored = await cli('restore', [backupFile], restoreEnv);
    expect(restored.code, restored.stderr).toBe(0);
    // The restored server signs in as the app role only: the grants must have been re-applied.
    // The names in a backup are sealed: the restored server needs the same data key (kept apart from backups).
    const key = { TEJIDO_KEY_FILE: api.server.keyFile as string };
    restoredServer = await startServer(
      kind === 'postgresql'
        ? { DATABASE_URL: restoreEnv.DATABASE_URL!, ...key }
        : { DATA_DIR: restoreEnv.DATA_DIR!, ...key },
    );
  }, 240_000);
  afterAll(async () => {
    await restoredServer?.stop();
    await restoreCluster?.stop();
    await api?.stop();
  });

  const open = (env: Record<string, string>) =>
    env.DATABASE_URL
      ? pgReader(env.DATABASE_OWNER_URL ?? env.DATABASE_URL)
      : Promise.resolve(sqliteReader(env.DATA_DIR!));

  test('the copy holds every roll call answered before it began, and each roll call whole or not at all', async () => {
    const original = await open(sourceEnv);
    const copy = await open(restoreEnv);
    try {
      const inCopy = await perDelivery(copy.read);
      for (const id of answeredBeforeBackup)
        expect(inCopy.has(id), `delivery ${id} answered 200 before the backup`).toBe(true);
      for (const [id, counts] of inCopy)
        expect(counts, `delivery ${id}`).toEqual({ attendance: ROSTER, versions: 1, marks: ROSTER });
      const concurrent = [...deliveryOfDay.values()].filter((id) => inCopy.has(id)).length;
      expect(inCopy.size).toBe(counted.length + concurrent);
      console.log(
        `${kind}: the copy holds ${concurrent} of the ${BATCHES} concurrent roll calls (${answeredBeforeBackup.size} had answered before it began).`,
      );
      // Every other table as it was; the roll-call tables as the deliveries in the copy say.
      const [before, after] = [await rowCounts(original.read), await rowCounts(copy.read)];
      const missing = BATCHES - concurrent;
      expect(after).toEqual({
        ...before,
        deliveries: before.deliveries! - missing,
        attendance: before.attendance! - missing * ROSTER,
        roll_call_versions: before.roll_call_versions! - missing,
        attendance_versions: before.attendance_versions! - missing * ROSTER,
      });
    } finally {
      await original.close();
      await copy.close();
    }
  });

  test('a server on the restored copy gives the same indicators for everything in the copy', async () => {
    const copy = await open(restoreEnv);
    const inCopy = await perDelivery(copy.read);
    await copy.close();
    const originalFac = world.users.facA.client;
    const restoredFac = await ApiClient.signedIn(restoredServer!.url, 'faca@tejido.test', PASSWORD);
    const indicators = async (client: ApiClient, query: string) => {
      const answer = await client.get(`/api/v1/indicators?programmeId=imagen-peru${query}`);
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      return answer.body;
    };
    // The roll calls committed long before: the same figures.
    const september = '&from=2025-09-01&to=2025-09-30';
    expect(await indicators(restoredFac, september)).toEqual(await indicators(originalFac, september));
    expect((await indicators(restoredFac, september)).total.completed).toBe(completedInSeptember);
    // Each January day: the original's figures when its roll call is in the copy, nobody attended otherwise.
    for (const day of days) {
      const window = `&from=${day}&to=${day}`;
      const restored = await indicators(restoredFac, window);
      if (inCopy.has(deliveryOfDay.get(day)!)) expect(restored, day).toEqual(await indicators(originalFac, window));
      else expect(restored.total.attendedAtLeastOne, day).toBe(0);
    }
    // The admin's programme-to-date view, the same whenever the copy holds all 20.
    const restoredAdmin = await ApiClient.signedIn(restoredServer!.url, 'admin@tejido.test', PASSWORD);
    const all = await indicators(restoredAdmin, '&groupBy=bank');
    if (inCopy.size === counted.length + BATCHES) expect(all).toEqual(await indicators(api.admin, '&groupBy=bank'));
  });

  test('the restored server takes new roll calls', async () => {
    const restoredFac = await ApiClient.signedIn(restoredServer!.url, 'faca@tejido.test', PASSWORD);
    const copy = await open(restoreEnv);
    try {
      const memberId = String((await copy.read('select id from members limit 1'))[0]!.id);
      const answer = await restoredFac.post('/api/v1/attendance-batches', {
        delivery: { id: randomUUID(), bankId: world.banks.a1, sessionId: counted[0]!.id, deliveredOn: '2026-02-02' },
        records: [{ id: randomUUID(), memberId, present: true }],
      });
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    } finally {
      await copy.close();
    }
  });

  test('a restore into a target that already holds the database is refused, and changes nothing', async () => {
    const original = await open(sourceEnv);
    const before = await rowCounts(original.read);
    const refused = await cli('restore', [backupFile], sourceEnv);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/^Refused: target_not_empty: /);
    expect(await rowCounts(original.read)).toEqual(before);
    await original.close();
  });
});
