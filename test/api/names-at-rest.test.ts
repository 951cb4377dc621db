import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { keyFromBase64, type DataKey } from '../../src/attendance/crypto/data-key.ts';
import { NameCipher } from '../../src/attendance/crypto/name-cipher.ts';
import { ApiClient } from '../support/api-client.ts';
import { databases, PASSWORD, seedWorld, startApi, type World } from '../support/api-world.ts';
import { projectRoot } from '../support/content-root.ts';
import { startServer, type RunningServer } from '../support/server.ts';

/** A mark no other text in the database has, so any byte run of it is a leaked name. */
const MARK = `Xiomara${randomBytes(3).toString('hex')}`;
const named = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    memberCode: `${prefix}-${String(i + 1).padStart(3, '0')}`,
    displayName: `${MARK} ${prefix}${i + 1} Ñahui`,
    enrolledOn: '2026-03-01',
  }));

describe.each(databases)('names encrypted at rest on %s', (kind) => {
  let api: Awaited<ReturnType<typeof startApi>>;
  let world: World;
  let server: RunningServer;
  const extra: RunningServer[] = [];
  const viaApi = named('API', 30);
  const viaCsv = named('CSV', 20);
  let all: { id: string; memberCode: string; displayName: string; bankId: string }[] = [];
  let deliveryId = '';

  /** Every stored name value, as the database holds it. */
  const storedNames = async () => {
    if (kind === 'sqlite') {
      const db = new DatabaseSync(join(server.dataDir, 'tejido.sqlite'), { readOnly: true });
      try {
        return db.prepare('select id, bank_id as bankId, display_name as displayName from members').all() as {
          id: string;
          bankId: string;
          displayName: string;
        }[];
      } finally {
        db.close();
      }
    }
    const client = new pg.Client({ connectionString: api.databaseUrl });
    await client.connect();
    try {
      return (await client.query('select id, bank_id as "bankId", display_name as "displayName" from members'))
        .rows as { id: string; bankId: string; displayName: string }[];
    } finally {
      await client.end();
    }
  };
  const setStored = async (id: string, value: string) => {
    if (kind === 'sqlite') {
      const db = new DatabaseSync(join(server.dataDir, 'tejido.sqlite'));
      try {
        db.prepare('update members set display_name = ? where id = ?').run(value, id);
      } finally {
        db.close();
      }
      return;
    }
    const client = new pg.Client({ connectionString: api.databaseUrl });
    await client.connect();
    try {
      await client.query('update members set display_name = $1 where id = $2', [value, id]);
    } finally {
      await client.end();
    }
  };
  const keyInFile = (): DataKey => keyFromBase64(readFileSync(server.keyFile as string, 'utf8'), 'key file');
  const restart = async (env: Record<string, string> = {}) => {
    const next = await startServer({
      DATA_DIR: server.dataDir,
      ...(api.databaseUrl ? { DATABASE_URL: api.databaseUrl } : {}),
      ...env,
    });
    extra.push(next);
    return next;
  };
  const signedIn = (url: string, who: string) => ApiClient.signedIn(url, who, PASSWORD);
  const roster = async (client: ApiClient, bankId: string) => {
    const answer = await client.get(`/api/v1/banks/${bankId}/members`);
    expect(answer.status, answer.text).toBe(200);
    return new Map((answer.body.members as { id: string; displayName: string }[]).map((m) => [m.id, m.displayName]));
  };
  /** Every name, read through the app by those who keep the roster: the facilitator and the admin. */
  const expectNamesThroughApp = async (url: string) => {
    const [facA, admin] = await Promise.all([signedIn(url, 'faca@tejido.test'), signedIn(url, 'admin@tejido.test')]);
    for (const client of [facA, admin]) {
      const listed = await roster(client, world.banks.a1);
      for (const m of all) expect(listed.get(m.id)).toBe(m.displayName);
    }
    const attendance = await facA.get(`/api/v1/deliveries/${deliveryId}/attendance`);
    expect(attendance.status, attendance.text).toBe(200);
    for (const row of attendance.body.attendance as { memberId: string; displayName: string }[])
      expect(row.displayName).toBe(all.find((m) => m.id === row.memberId)?.displayName);
    const page = await facA.get(`/oficina/socias/?bankId=${world.banks.a1}`);
    expect(page.status).toBe(200);
    for (const m of all) expect(page.text).toContain(m.displayName);
    const record = await facA.get(`/api/v1/members/${all[0]?.id}/record`);
    expect(record.body.member.displayName).toBe(all[0]?.displayName);
  };

  beforeAll(async () => {
    api = await startApi(kind, 'names_at_rest');
    server = api.server;
    world = await seedWorld(server.url, api.admin);
    const facA = world.users.facA.client;
    expect((await facA.post(`/api/v1/banks/${world.banks.a1}/members`, { members: viaApi })).status).toBe(200);
    const csv = `member_code,display_name,enrolled_on\n${viaCsv.map((m) => `${m.memberCode},${m.displayName},${m.enrolledOn}`).join('\n')}\n`;
    const imported = await api.admin.request('POST', `/api/v1/banks/${world.banks.a1}/members.csv`, { text: csv });
    expect(imported.status, imported.text).toBe(200);
    const listed = await facA.get(`/api/v1/banks/${world.banks.a1}/members`);
    const idOf = new Map(
      (listed.body.members as { id: string; memberCode: string }[]).map((m) => [m.memberCode, m.id]),
    );
    all = [...viaApi, ...viaCsv].map((m) => ({ ...m, id: idOf.get(m.memberCode) as string, bankId: world.banks.a1 }));
    // A corrected name is sealed too.
    const edited = await facA.request('PATCH', `/api/v1/members/${all[0]?.id}`, {
      json: { displayName: `${MARK} corrected Quispe` },
    });
    expect(edited.status, edited.text).toBe(200);
    (all[0] as { displayName: string }).displayName = `${MARK} corrected Quispe`;
    deliveryId = randomUUID();
    const batch = await facA.post('/api/v1/attendance-batches', {
      delivery: {
        id: deliveryId,
        bankId: world.banks.a1,
        sessionId: 'gv-espacio-de-confianza',
        deliveredOn: '2026-04-12',
      },
      records: all.slice(0, 10).map((m, i) => ({ id: randomUUID(), memberId: m.id, present: i % 2 === 0 })),
    });
    expect(batch.status, batch.text).toBe(200);
  });
  afterAll(async () => {
    for (const s of extra) await s.stop();
    await api?.stop();
  });

  test('the names come back whole to the facilitator and the admin: roster, roll call, member record and the office roster page', async () => {
    await expectNamesThroughApp(server.url);
  });

  test('resending the same members and the same file is still "unchanged"; another name under a stored id is still a conflict', async () => {
    const facA = world.users.facA.client;
    const again = await facA.post(`/api/v1/banks/${world.banks.a1}/members`, { members: viaApi.slice(1) });
    expect(again.body).toEqual({ created: 0, unchanged: viaApi.length - 1 });
    const changed = await facA.post(`/api/v1/banks/${world.banks.a1}/members`, {
      members: [{ ...viaApi[1], displayName: 'Otra Persona' }],
    });
    expect(changed.status).toBe(409);
  });

  test('no stored value holds a name: every one is v1:<keyId>:<base64>, and the key is nowhere in the database', async () => {
    const rows = await storedNames();
    expect(rows.length).toBeGreaterThanOrEqual(all.length);
    const key = keyInFile();
    for (const row of rows) {
      expect(row.displayName).not.toContain(MARK);
      if (row.displayName) expect(row.displayName).toMatch(new RegExp(`^v1:${key.id}:[A-Za-z0-9+/]+=*$`));
    }
    // Two women of the same name get different values: a fresh nonce each time.
    expect(new Set(rows.map((r) => r.displayName)).size).toBe(rows.length);
    expect(statSync(server.keyFile as string).mode & 0o777).toBe(0o600);
  });

  test.runIf(kind === 'sqlite')(
    'the SQLite file, its journal and a copy of them (as a backup would take) hold no byte of any name, nor the key',
    async () => {
      const key = keyInFile();
      const files = readdirSync(server.dataDir).map((f) => join(server.dataDir, f));
      expect(files.some((f) => f.endsWith('tejido.sqlite'))).toBe(true);
      const backup = mkdtempSync(join(tmpdir(), 'tejido-backup-'));
      for (const f of files) copyFileSync(f, join(backup, f.split('/').pop() as string));
      // And a consistent copy through SQLite itself (VACUUM INTO), the way a careful backup is made.
      const db = new DatabaseSync(join(server.dataDir, 'tejido.sqlite'), { readOnly: true });
      db.exec(`vacuum into '${join(backup, 'vacuumed.sqlite')}'`);
      db.close();
      const needles = [
        Buffer.from(MARK, 'utf8'),
        Buffer.from(MARK, 'utf16le'),
        key.bytes,
        Buffer.from(key.bytes.toString('base64')),
      ];
      for (const dir of [server.dataDir, backup]) {
        for (const f of readdirSync(dir)) {
          const bytes = readFileSync(join(dir, f));
          for (const needle of needles)
            expect(bytes.includes(needle), `${f} holds ${needle.length === 32 ? 'the key' : 'a name'}`).toBe(false);
        }
      }
      // The key file is beside the data folder, not in it.
      expect(existsSync(server.keyFile as string)).toBe(true);
      expect((server.keyFile as string).startsWith(`${server.dataDir}/`)).toBe(false);
    },
  );

  test('a sealed name copied onto another member’s row does not open there (the member’s id is the associated data): a 500, never her name', async () => {
    const rows = await storedNames();
    const [from, to] = [rows.find((r) => r.id === all[1]?.id), rows.find((r) => r.id === all[2]?.id)];
    const cipher = new NameCipher(keyInFile());
    expect(cipher.open(from!, from!.displayName)).toBe(all[1]?.displayName);
    expect(() => cipher.open(to!, from!.displayName)).toThrow(/does not open/);
    expect(() => cipher.open({ ...from!, bankId: world.banks.a2 }, from!.displayName)).toThrow(/does not open/);
    await setStored(to!.id, from!.displayName);
    try {
      const answer = await world.users.facA.client.get(`/api/v1/banks/${world.banks.a1}/members`);
      expect(answer.status).toBe(500);
      expect(answer.text).not.toContain(MARK);
      expect(server.output()).toContain('name_seal');
    } finally {
      await setStored(to!.id, to!.displayName);
    }
    expect((await roster(world.users.facA.client, world.banks.a1)).get(to!.id)).toBe(all[2]?.displayName);
  });

  test('a name still in clear text (a database from before this change) is sealed at the next start, in place, and reads the same', async () => {
    const member = all[3]!;
    await server.stop();
    await setStored(member.id, member.displayName);
    server = await restart();
    expect(server.output()).toContain('sealed 1 member names that were in clear text');
    const row = (await storedNames()).find((r) => r.id === member.id)!;
    expect(row.displayName).toMatch(/^v1:/);
    expect(new NameCipher(keyInFile()).open(row, row.displayName)).toBe(member.displayName);
    expect((await roster(await signedIn(server.url, 'faca@tejido.test'), world.banks.a1)).get(member.id)).toBe(
      member.displayName,
    );
  });

  test('a wrong, malformed or missing key stops the start with a message naming TEJIDO_DATA_KEY or the key file, never a roster of garbage', async () => {
    await server.stop();
    await expect(restart({ TEJIDO_DATA_KEY: randomBytes(32).toString('base64') })).rejects.toThrow(
      /data_key: the database holds names sealed with key \w+, but TEJIDO_DATA_KEY holds key/,
    );
    await expect(restart({ TEJIDO_DATA_KEY: 'not-a-key' })).rejects.toThrow(
      /TEJIDO_DATA_KEY must be 32 bytes in base64/,
    );
    const missing = join(tmpdir(), `tejido-missing-${randomUUID()}.key`);
    await expect(restart({ TEJIDO_KEY_FILE: missing })).rejects.toThrow(
      new RegExp(`${missing} \\(TEJIDO_KEY_FILE\\) does not exist`),
    );
    expect(existsSync(missing)).toBe(false);
    server = await restart();
    await expectNamesThroughApp(server.url);
  });

  test('npm run rotate-key re-seals every name with a new key: all read through the app, none opens with the old key', async () => {
    const old = keyInFile();
    await server.stop();
    const out = execFileSync(process.execPath, [join(projectRoot, 'src/attendance/cli/rotate-key.ts')], {
      cwd: projectRoot,
      env: {
        ...process.env,
        DATA_DIR: server.dataDir,
        TEJIDO_KEY_FILE: server.keyFile as string,
        ...(api.databaseUrl ? { DATABASE_URL: api.databaseUrl } : {}),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
    });
    expect(out).toBe('');
    const next = keyInFile();
    expect(next.id).not.toBe(old.id);
    expect(existsSync(`${server.keyFile}.old`)).toBe(false);
    expect(existsSync(`${server.keyFile}.new`)).toBe(false);
    expect(statSync(server.keyFile as string).mode & 0o777).toBe(0o600);
    const rows = (await storedNames()).filter((r) => r.displayName !== '');
    const before = new NameCipher(old);
    const after = new NameCipher(next);
    // Even with the old key id written in front, the old key opens nothing.
    for (const row of rows) {
      expect(() => before.open(row, row.displayName)).toThrow();
      expect(() => before.open(row, row.displayName.replace(`v1:${next.id}:`, `v1:${old.id}:`))).toThrow(
        /does not open/,
      );
      expect(after.open(row, row.displayName)).toBe(all.find((m) => m.id === row.id)?.displayName);
    }
    server = await restart();
    await expectNamesThroughApp(server.url);
    // The old key no longer starts the server.
    await server.stop();
    await expect(restart({ TEJIDO_DATA_KEY: old.bytes.toString('base64') })).rejects.toThrow(
      /TEJIDO_DATA_KEY holds key/,
    );
    server = await restart();
  });

  test('rotate-key with TEJIDO_DATA_KEY prints the new key, which then reads every name', async () => {
    const current = keyInFile();
    await server.stop();
    const out = execFileSync(process.execPath, [join(projectRoot, 'src/attendance/cli/rotate-key.ts')], {
      cwd: projectRoot,
      env: {
        ...process.env,
        DATA_DIR: server.dataDir,
        TEJIDO_DATA_KEY: current.bytes.toString('base64'),
        ...(api.databaseUrl ? { DATABASE_URL: api.databaseUrl } : {}),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
    });
    const printed = keyFromBase64(out, 'stdout');
    expect(printed.id).not.toBe(current.id);
    server = await restart({ TEJIDO_DATA_KEY: printed.bytes.toString('base64') });
    await expectNamesThroughApp(server.url);
  });
});
