import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { projectRoot } from '../support/content-root.ts';
import { databases, members, seedWorld, startApi, type World } from '../support/api-world.ts';
import { everyTable } from '../support/every-table.ts';

const run = promisify(execFile);

/**
 * Retention (README, "Retention"): withdrawn members whose withdrawal and last roll call are both
 * more than `retention.withdrawnMemberYears` (2) years old are erased by `npm run retention` and
 * by the server's daily run. Today is the machine's date; the dates below are years before it.
 */
describe.each(databases)('retention on %s', (kind) => {
  let api: Awaited<ReturnType<typeof startApi>>;
  let world: World;

  beforeAll(async () => {
    api = await startApi(kind, 'retention');
    world = await seedWorld(api.server.url, api.admin);
  });
  afterAll(() => api?.stop());

  const env = () => ({
    ...process.env,
    DATA_DIR: api.server.dataDir,
    ...(api.databaseUrl ? { DATABASE_URL: api.databaseUrl } : {}),
  });
  /** `npm run retention`, the real command. */
  const retention = async (...args: string[]) =>
    (
      await run(process.execPath, [join(projectRoot, 'src/attendance/cli/retention.ts'), ...args], {
        cwd: projectRoot,
        env: env(),
      })
    ).stdout;
  const erasedBy = (stdout: string) => Number(/Erased (\d+) withdrawn members/.exec(stdout)?.[1]);

  test('members withdrawn and absent for longer than the period are erased once, even by two runs at the same time; the others are kept; past figures do not change', async () => {
    const fac = world.users.facB.client;
    const bank = world.banks.b1;
    const years = Number(new Date().toISOString().slice(0, 4));
    const longAgo = (yearsBack: number, monthDay: string) => `${years - yearsBack}-${monthDay}`;
    const person = (code: string, displayName: string) => ({
      id: randomUUID(),
      memberCode: code,
      displayName,
      enrolledOn: longAgo(6, '01-15'),
    });
    const due = {
      left: person('RET-01', 'Teodora Huillca Quispe'),
      leftNoRollCall: person('RET-02', 'Saturnina Ccopa Mamani'),
    };
    const kept = {
      leftRecently: person('RET-03', 'Benedicta Yupanqui Soto'),
      leftButCameLately: person('RET-04', 'Asunta Pariona Lima'),
      stays: person('RET-05', 'Genara Ticona Apaza'),
    };
    expect(
      (await fac.post(`/api/v1/banks/${bank}/members`, { members: [...Object.values(due), ...Object.values(kept)] }))
        .status,
    ).toBe(200);
    // Roll calls first (a phone leaves withdrawn women out of new ones), then the bajas with their past dates.
    const rollCall = async (sessionId: string, deliveredOn: string, who: { id: string }[]) => {
      const batch = {
        delivery: { id: randomUUID(), bankId: bank, sessionId, deliveredOn },
        records: who.map((m, j) => ({ id: randomUUID(), memberId: m.id, present: j % 2 === 0 })),
      };
      expect((await fac.post('/api/v1/attendance-batches', batch)).status).toBe(200);
    };
    await rollCall('gv-espacio-de-confianza', longAgo(4, '05-10'), [
      due.left,
      kept.leftRecently,
      kept.leftButCameLately,
      kept.stays,
    ]);
    await rollCall('gv-violencia-no-es-normal', longAgo(1, '03-10'), [kept.leftButCameLately, kept.stays]);
    const withdraw = async (m: { id: string }, on: string) =>
      expect((await fac.post(`/api/v1/members/${m.id}/withdraw`, { withdrawnOn: on })).status).toBe(200);
    await withdraw(due.left, longAgo(4, '06-30'));
    await withdraw(due.leftNoRollCall, longAgo(5, '01-01'));
    await withdraw(kept.leftRecently, longAgo(0, '01-02'));
    await withdraw(kept.leftButCameLately, longAgo(4, '06-30'));

    // 300 more, withdrawn long ago in another bank, so that two runs overlap over several
    // transactions of 100. Their bajas are written straight into the database: faster than 300 requests.
    const many = members(300, 'OLD').map((m) => ({ ...m, enrolledOn: longAgo(6, '01-15') }));
    expect(
      (await world.users.facA.client.post(`/api/v1/banks/${world.banks.a1}/members`, { members: many })).status,
    ).toBe(200);
    await sqlOn(`update members set withdrawn_on = '${longAgo(5, '02-01')}' where bank_id = '${world.banks.a1}'`);
    const total = Object.keys(due).length + many.length;

    const figures = async () => {
      const out: Record<string, unknown> = {};
      const past = `from=${longAgo(4, '01-01')}&to=${longAgo(4, '12-31')}`;
      for (const [who, client, queries] of [
        [
          'facB',
          fac,
          [
            'programmeId=imagen-peru',
            `programmeId=imagen-peru&${past}`,
            `programmeId=imagen-peru&groupBy=bank&${past}`,
          ],
        ],
        ['coordB', world.users.coordB.client, ['programmeId=imagen-peru', 'programmeId=imagen-peru&groupBy=bank']],
        ['admin', world.admin, ['programmeId=imagen-peru', 'programmeId=imagen-peru&groupBy=bank']],
      ] as const) {
        for (const query of queries) {
          const answer = await client.get(`/api/v1/indicators?${query}`);
          expect(answer.status, `${who} ${query}`).toBe(200);
          out[`${who} ${query}`] = answer.body;
        }
      }
      return out;
    };
    const before = await figures();

    expect(await retention('--dry-run')).toContain(`Would erase ${total} withdrawn members`);
    expect(await roster(bank)).toHaveLength(5);

    // Two runs at once: together they erase each woman once.
    const [one, two] = await Promise.all([retention(), retention()]);
    expect(erasedBy(one!) + erasedBy(two!)).toBe(total);
    expect(
      Number(
        await sqlOn(
          'select count(*) as n from audit_log where action = \'member.erase\' and detail like \'%"reason":"retention"%\'',
        ),
      ),
    ).toBe(total);
    // A third erases nothing.
    expect(erasedBy(await retention())).toBe(0);

    expect((await roster(bank)).map((m) => m.id).sort()).toEqual(
      Object.values(kept)
        .map((m) => m.id)
        .sort(),
    );
    expect(await roster(world.banks.a1)).toEqual([]);
    expect(await figures()).toEqual(before);

    // The audit log has each run with its counts, and no name.
    const log = await world.admin.get('/api/v1/audit?limit=500');
    const runs = log.body.entries.filter((e: { action: string }) => e.action === 'retention.run');
    expect(runs).toHaveLength(3);
    expect(
      runs.map((e: { detail: { erased: number } }) => e.detail.erased).sort((a: number, b: number) => a - b),
    ).toEqual([0, erasedBy(one!), erasedBy(two!)].sort((a, b) => a - b));
    expect(runs[0]).toMatchObject({ actorId: null, detail: { erased: 0, withdrawnMemberYears: 2 } });

    // Every text in every table of the real database: the erased names and codes are gone, and
    // their ids too except in the append-only audit log's older lines (her `member.withdraw`
    // names the id she had then, as after an erasure on request).
    const tables = await everyTable(api);
    const dump = Object.values(tables).join('\n');
    const withoutAudit = Object.entries(tables)
      .filter(([name]) => name !== 'audit_log')
      .map(([, text]) => text)
      .join('\n');
    for (const m of [...Object.values(due), many[0]!, many[299]!]) {
      expect(dump).not.toContain(m.displayName);
      expect(dump.toLowerCase()).not.toContain(`"${m.memberCode.toLowerCase()}"`);
      expect(withoutAudit).not.toContain(m.id);
    }
    // The kept are there: their codes and ids in clear, their names sealed (README, "Names encrypted at rest"), so not as text.
    for (const m of Object.values(kept)) {
      expect(dump.toLowerCase()).toContain(`"${m.memberCode.toLowerCase()}"`);
      expect(withoutAudit).toContain(m.id);
    }
  });

  /** A bank's roster as its facilitator or the admin reads it. */
  async function roster(bankId: string): Promise<{ id: string }[]> {
    const answer = await world.admin.get(`/api/v1/banks/${bankId}/members`);
    expect(answer.status).toBe(200);
    return answer.body.members;
  }

  /** One statement straight on the database, around the API; the first column of the first row. */
  async function sqlOn(statement: string): Promise<unknown> {
    if (api.databaseUrl) {
      const client = new pg.Client({ connectionString: api.databaseUrl });
      await client.connect();
      try {
        const result = await client.query(statement);
        return result.rows[0] ? Object.values(result.rows[0])[0] : undefined;
      } finally {
        await client.end();
      }
    }
    const file = new DatabaseSync(join(api.server.dataDir, 'tejido.sqlite'), { timeout: 5000 });
    try {
      const prepared = file.prepare(statement);
      if (prepared.columns().length === 0) return prepared.run();
      const row = prepared.get() as Record<string, unknown> | undefined;
      return row ? Object.values(row)[0] : undefined;
    } finally {
      file.close();
    }
  }
});

describe.each(databases)('the server’s daily retention run on %s', (kind) => {
  let api: Awaited<ReturnType<typeof startApi>>;
  let world: World;

  beforeAll(async () => {
    // For tests only: a run every 500 ms instead of once a day.
    api = await startApi(kind, 'retention-timer', { settings: { TEJIDO_RETENTION_INTERVAL_MS: '500' } });
    world = await seedWorld(api.server.url, api.admin);
  });
  afterAll(() => api?.stop());

  test('erases a member withdrawn long ago by itself, with the same audit lines as the command', async () => {
    const fac = world.users.facA.client;
    const year = Number(new Date().toISOString().slice(0, 4));
    const [gone, stays] = members(2, 'TMR').map((m) => ({ ...m, enrolledOn: `${year - 6}-01-15` }));
    expect((await fac.post(`/api/v1/banks/${world.banks.a1}/members`, { members: [gone, stays] })).status).toBe(200);
    expect((await fac.post(`/api/v1/members/${gone!.id}/withdraw`, { withdrawnOn: `${year - 4}-03-01` })).status).toBe(
      200,
    );
    const deadline = Date.now() + 15_000;
    let listed: { id: string }[] = [];
    do {
      await new Promise((r) => setTimeout(r, 250));
      listed = (await fac.get(`/api/v1/banks/${world.banks.a1}/members`)).body.members;
    } while (listed.length > 1 && Date.now() < deadline);
    expect(listed.map((m) => m.id)).toEqual([stays!.id]);
    const log = await world.admin.get('/api/v1/audit?limit=500');
    const entries = log.body.entries as {
      action: string;
      actorId: string | null;
      detail: Record<string, unknown> | null;
    }[];
    expect(entries.find((e) => e.action === 'member.erase')).toMatchObject({
      actorId: null,
      detail: { reason: 'retention' },
    });
    expect(entries.some((e) => e.action === 'retention.run' && e.detail?.erased === 1)).toBe(true);
    expect(log.text).not.toContain(gone!.displayName);
    expect(api.server.output()).toMatch(/retention: erased 1 of 1 withdrawn members due/);
  });
});

describe.each(databases)('pruning the audit log on %s', (kind) => {
  let api: Awaited<ReturnType<typeof startApi>>;

  beforeAll(async () => {
    api = await startApi(kind, 'audit-prune', { roles: 'separate' });
  });
  afterAll(() => api?.stop());

  const command = (env: Record<string, string | undefined>, ...args: string[]) =>
    run(process.execPath, [join(projectRoot, 'src/attendance/cli/retention.ts'), '--audit-log', ...args], {
      cwd: projectRoot,
      env: { ...process.env, DATA_DIR: api.server.dataDir, ...env },
    });
  const asApp = () => (api.roles ? { DATABASE_URL: api.roles.appUrl } : {});
  const asOwner = () => (api.roles ? { DATABASE_URL: api.roles.appUrl, DATABASE_OWNER_URL: api.roles.ownerUrl } : {});

  /** Straight on the database as the server's role: what it may and may not do to the log. */
  async function asServer(statement: string): Promise<unknown> {
    if (api.roles) {
      const client = new pg.Client({ connectionString: api.roles.appUrl });
      await client.connect();
      try {
        return (await client.query(statement)).rows;
      } finally {
        await client.end();
      }
    }
    const file = new DatabaseSync(join(api.server.dataDir, 'tejido.sqlite'), { timeout: 5000 });
    try {
      const prepared = file.prepare(statement);
      return prepared.columns().length ? prepared.all() : prepared.run();
    } finally {
      file.close();
    }
  }

  test('the owner deletes the lines older than auditLogYears (5) and logs how many; the log stays append-only for everyone else', async () => {
    const old = randomUUID();
    await asServer(
      `insert into audit_log (id, at, actor_id, action) values ('${old}', '2015-03-01T10:00:00.000Z', null, 'login.failed')`,
    );
    const before = (await api.admin.get('/api/v1/audit?limit=500')).body.entries.length;
    expect((await command(asApp(), '--dry-run')).stdout).toContain('Would delete 1 audit log lines');
    if (kind === 'postgresql')
      await expect(command(asApp())).rejects.toThrow(/only the owner of audit_log may prune it/);
    expect((await command(asOwner())).stdout).toContain('Deleted 1 audit log lines');
    const entries = (await api.admin.get('/api/v1/audit?limit=500')).body.entries as {
      id: string;
      action: string;
      detail: Record<string, unknown> | null;
    }[];
    expect(entries.some((e) => e.id === old)).toBe(false);
    expect(entries).toHaveLength(before);
    expect(entries[0]).toMatchObject({ action: 'audit.prune', detail: { deleted: 1, auditLogYears: 5 } });
    // The trigger is back: the server's role still cannot delete a line.
    await expect(
      Promise.resolve().then(() => asServer("delete from audit_log where action = 'audit.prune'")),
    ).rejects.toThrow(/append-only|permission denied/);
    expect((await command(asOwner())).stdout).toContain('Deleted 0 audit log lines');
  });
});
