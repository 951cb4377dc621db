import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { connect } from '../../src/attendance/db/connect.ts';
import type { DatabaseTables } from '../../src/attendance/db/tables.ts';
import { attendancePerBankForRules, type BankCondition } from '../../src/attendance/indicators/bank-counts.ts';
import { indexCurriculum } from '../../src/attendance/curriculum-index.ts';
import type { ApiClient } from '../support/api-client.ts';
import { databases, members, seedWorld, startApi, type World } from '../support/api-world.ts';
import { sourceCurriculum } from '../support/built-site.ts';
import { attendancePerBankBefore0012 } from '../support/indicators-oracle.ts';

/**
 * Kept counts (indicators/kept-attendance.ts, issue 13): a reader keeps each bank's counts with
 * the bank's token and counts again only banks whose token moved. The attacker's question is a
 * stale figure: after every kind of write — a roll call, a resend, a correction each way, a
 * make-up meeting, a refused batch, an erasure — the kept figures must equal a recount from
 * attendance, both in this process (its own connection) and in the server's (through the API).
 */
const curriculum = indexCurriculum(sourceCurriculum());
const programme = curriculum.programmes.get('imagen-peru');
if (!programme) throw new Error('the curriculum has no imagen-peru programme');
const rule = { minSessions: 2, countedSessionIds: programme.countedSessionIds.slice(0, 4) };
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

describe.each(databases)('kept indicator counts follow every write, on %s', (kind) => {
  let api: Awaited<ReturnType<typeof startApi>>;
  let world: World;
  let db: Kysely<DatabaseTables>;
  let organisation: BankCondition;
  const rosters = new Map<string, ReturnType<typeof members>>();

  beforeAll(async () => {
    api = await startApi(kind, 'indicatorskept');
    world = await seedWorld(api.server.url, api.admin);
    for (const [bankId, fac] of [
      [world.banks.a1, world.users.facA.client],
      [world.banks.a2, world.users.facA2.client],
    ] as const) {
      const roster = members(8, bankId.slice(0, 4));
      expect((await fac.post(`/api/v1/banks/${bankId}/members`, { members: roster })).status).toBe(200);
      rosters.set(bankId, roster);
    }
    db = connect(kind === 'postgresql' ? { DATABASE_URL: api.databaseUrl } : { DATA_DIR: api.server.dataDir }).db;
    const organisationId = (await db.selectFrom('organisations').select('id').executeTakeFirstOrThrow()).id;
    organisation = (eb) => eb.and([eb('banks.organisationId', '=', organisationId)]);
  });
  afterAll(async () => {
    await db?.destroy();
    await api?.stop();
  });

  const kept = async () => Object.fromEntries((await attendancePerBankForRules(db, organisation, [rule]))[0] ?? []);
  const recount = async () => Object.fromEntries(await attendancePerBankBefore0012(db, organisation, rule, {}));
  /** What the server's own kept counts give: the facilitator's exact figures for her bank. */
  const served = async (fac: ApiClient, bankId: string) => {
    const answer = await fac.get(`/api/v1/indicators?programmeId=imagen-peru&bankId=${bankId}`);
    expect(answer.status, answer.text).toBe(200);
    return answer.body.total as { attendedAtLeastOne: number; completed: number };
  };
  const oracleFor = async (bankId: string) => {
    const one: BankCondition = (eb) => eb.and([eb('banks.id', '=', bankId)]);
    const full = { minSessions: programme.minSessions, countedSessionIds: programme.countedSessionIds };
    return (
      (await attendancePerBankBefore0012(db, one, full, {})).get(bankId) ?? { attendedAtLeastOne: 0, completed: 0 }
    );
  };

  test('after each write the kept figures equal a recount, here and in the server', async () => {
    const fac = world.users.facA.client;
    const bankId = world.banks.a1;
    const roster = rosters.get(bankId) ?? [];
    const seen: string[] = [];
    const check = async (step: string) => {
      const now = await kept();
      expect(now, step).toEqual(await recount());
      const server = await served(fac, bankId);
      const oracle = await oracleFor(bankId);
      expect({ attendedAtLeastOne: server.attendedAtLeastOne, completed: server.completed }, step).toEqual(oracle);
      seen.push(JSON.stringify(now));
    };
    await check('before any roll call');
    const rollCall = (sessionId: string, day: number, present: (i: number) => boolean) => ({
      delivery: { id: randomUUID(), bankId, sessionId, deliveredOn: daysAgo(day) },
      records: roster.map((m, i) => ({ id: randomUUID(), memberId: m.id, present: present(i) })),
    });
    const [s0, s1, s2] = rule.countedSessionIds as [string, string, string];
    const first = rollCall(s0, 9, (i) => i < 6);
    expect((await fac.post('/api/v1/attendance-batches', first)).status).toBe(200);
    await check('a first roll call');
    expect((await fac.post('/api/v1/attendance-batches', first)).status).toBe(200);
    await check('the same batch sent again');
    expect(
      (
        await fac.post(
          '/api/v1/attendance-batches',
          rollCall(s1, 8, (i) => i % 2 === 0),
        )
      ).status,
    ).toBe(200);
    await check('a second session: some complete');
    // A refused batch (a member of another bank) stores nothing and stamps nothing.
    const refused = rollCall(s2, 7, () => true);
    const stranger = rosters.get(world.banks.a2)?.[0];
    if (!stranger) throw new Error('bank a2 has no roster');
    refused.records[0] = { id: randomUUID(), memberId: stranger.id, present: true };
    expect((await fac.post('/api/v1/attendance-batches', refused)).status).toBe(422);
    await check('a refused batch');
    // Corrections both ways: a present mark taken back, then given again.
    const taken = await fac.post(`/api/v1/deliveries/${first.delivery.id}/corrections`, {
      id: randomUUID(),
      basedOn: 1,
      records: roster.slice(0, 3).map((m) => ({ memberId: m.id, present: false })),
    });
    expect(taken.status, taken.text).toBe(200);
    await check('a correction takes three present marks back');
    const given = await fac.post(`/api/v1/deliveries/${first.delivery.id}/corrections`, {
      id: randomUUID(),
      basedOn: 2,
      records: roster.slice(0, 2).map((m) => ({ memberId: m.id, present: true })),
    });
    expect(given.status, given.text).toBe(200);
    await check('a correction gives two back');
    // Two make-up meetings of one session at once: she came to that session, counted once.
    await Promise.all(
      [6, 5].map(async (day) =>
        expect(
          (
            await fac.post(
              '/api/v1/attendance-batches',
              rollCall(s2, day, () => true),
            )
          ).status,
        ).toBe(200),
      ),
    );
    await check('two make-up meetings at once');
    // Another bank written: its figures come in, the first bank's stay as they were.
    const other = world.users.facA2.client;
    const otherRoster = rosters.get(world.banks.a2) ?? [];
    const otherBatch = {
      delivery: { id: randomUUID(), bankId: world.banks.a2, sessionId: s0, deliveredOn: daysAgo(4) },
      records: otherRoster.map((m) => ({ id: randomUUID(), memberId: m.id, present: true })),
    };
    expect((await other.post('/api/v1/attendance-batches', otherBatch)).status).toBe(200);
    await check('another bank written');
    expect((await fac.post(`/api/v1/members/${roster[7]?.id}/erase`)).status).toBe(200);
    await check('an erasure');
    // Not vacuous: the figures moved at the writes that change them (7 distinct states of 10 checks).
    expect(seen).toHaveLength(10);
    expect(new Set(seen).size).toBe(7);
  });

  test('a bank written behind the kept counts’ back (no stamp) is the one thing they cannot see', async () => {
    // The contract, shown: only writers that stamp the bank (bank-changes.ts) are seen. Every
    // service that writes attendance stamps it; a row slipped in by hand is not counted until the
    // bank is next written.
    const before = await kept();
    const row = await db.selectFrom('memberSessions').selectAll().limit(1).executeTakeFirstOrThrow();
    await db
      .deleteFrom('memberSessions')
      .where('bankId', '=', row.bankId)
      .where('memberId', '=', row.memberId)
      .execute();
    expect(await kept()).toEqual(before);
    expect(await recount()).toEqual(before); // the oracle reads attendance, not the summary
    await db
      .insertInto('bankChanges')
      .values({ bankId: row.bankId, change: randomUUID() })
      .onConflict((oc) => oc.column('bankId').doUpdateSet({ change: randomUUID() }))
      .execute();
    expect(await kept()).not.toEqual(before);
  });
});
