import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { connect } from '../../src/attendance/db/connect.ts';
import type { DatabaseTables } from '../../src/attendance/db/tables.ts';
import {
  attendancePerBank,
  attendancePerBankForRules,
  type BankCondition,
  type CompletionRule,
} from '../../src/attendance/indicators/bank-counts.ts';
import { sessionsOfManual } from '../../src/curriculum/resolve.ts';
import type { ApiClient } from '../support/api-client.ts';
import { databases, members, seedWorld, startApi, type World } from '../support/api-world.ts';
import { sourceCurriculum } from '../support/built-site.ts';
import { attendancePerBankBefore0012 } from '../support/indicators-oracle.ts';

/**
 * member_sessions (migration 0012) must give exactly the figures the query over attendance gave.
 * A seeded random history goes through the real server's every write path — first roll calls
 * that leave members out, resends, make-up meetings of a session (two sent at once), corrections
 * back and forth, erasures — and then both queries, and the summary against a recount, must agree.
 */
const SEED = 20261201;
function random(seed: number) {
  let a = seed;
  return () => {
    // mulberry32: a small seeded generator, so a failure replays the same history.
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
const curriculum = sourceCurriculum();
const counted = sessionsOfManual(curriculum, 'genero-y-violencia')
  .filter((s) => s.countsTowardCompletion)
  .map((s) => s.id);
// Sessions of another manual too: rows a rule must leave out.
const others = sessionsOfManual(curriculum, 'educacion-financiera')
  .map((s) => s.id)
  .slice(0, 2);

type Rows = { bankId: string; memberId: string; sessionId: string; meetings: number }[];
const sorted = (rows: Rows) =>
  rows
    .map((r) => ({ ...r, meetings: Number(r.meetings) }))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

describe.each(databases)('indicators from member_sessions equal the query over attendance, on %s', (kind) => {
  let api: Awaited<ReturnType<typeof startApi>>;
  let world: World;
  let db: Kysely<DatabaseTables>;
  let organisationId: string;
  const next = random(SEED);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)] as T;
  const history = { batches: 0, resends: 0, corrections: 0, erasures: 0, makeUps: 0 };

  beforeAll(async () => {
    api = await startApi(kind, 'indicatorsequal');
    world = await seedWorld(api.server.url, api.admin);
    const banks: [string, ApiClient][] = [
      [world.banks.a1, world.users.facA.client],
      [world.banks.a2, world.users.facA2.client],
      [world.banks.b1, world.users.facB.client],
    ];
    const rosters = new Map<string, ReturnType<typeof members>>();
    for (const [b, [bankId, fac]] of banks.entries()) {
      const roster = members(14, `Q${b}`);
      expect((await fac.post(`/api/v1/banks/${bankId}/members`, { members: roster })).status).toBe(200);
      rosters.set(bankId, roster);
    }
    const send = async (fac: ApiClient, batch: unknown) => {
      const answer = await fac.post('/api/v1/attendance-batches', batch);
      expect(answer.status, answer.text).toBe(200);
    };
    const rollCall = (bankId: string, sessionId: string, day: number) => ({
      delivery: { id: randomUUID(), bankId, sessionId, deliveredOn: daysAgo(day) },
      // About one member in six is left out of the first list (a correction may add her).
      records: (rosters.get(bankId) ?? [])
        .filter(() => next() > 1 / 6)
        .map((m) => ({ id: randomUUID(), memberId: m.id, present: next() < 0.6 })),
    });
    for (const [bankId, fac] of banks) {
      const deliveries: { id: string; version: number }[] = [];
      // Ten meetings on ten different days: sessions repeat (make-up meetings of a session).
      for (let day = 0; day < 10; day++) {
        const batch = rollCall(bankId, pick([...counted, ...others]), day);
        await send(fac, batch);
        history.batches++;
        if (next() < 0.3) {
          await send(fac, batch);
          history.resends++;
        }
        deliveries.push({ id: batch.delivery.id, version: 1 });
      }
      // Two make-up meetings of one session sent at once: their counts must both land.
      const [x, y] = [rollCall(bankId, counted[0] as string, 11), rollCall(bankId, counted[0] as string, 12)];
      await Promise.all([send(fac, x), send(fac, y)]);
      history.makeUps += 2;
      deliveries.push({ id: x.delivery.id, version: 1 }, { id: y.delivery.id, version: 1 });
      // Corrections: some marks flip, some members are added, some roll calls twice.
      for (let round = 0; round < 2; round++) {
        for (const delivery of deliveries.filter(() => next() < 0.5)) {
          const records = (rosters.get(bankId) ?? [])
            .filter(() => next() < 0.4)
            .map((m) => ({ memberId: m.id, present: next() < 0.5 }));
          if (!records.length) continue;
          const answer = await fac.post(`/api/v1/deliveries/${delivery.id}/corrections`, {
            id: randomUUID(),
            basedOn: delivery.version,
            records,
          });
          // "Nothing to correct" (every mark already as sent) is the one refusal expected here.
          if (answer.status === 422 && answer.body.error.rule === 'delivery.no_change') continue;
          expect(answer.status, answer.text).toBe(200);
          delivery.version++;
          history.corrections++;
        }
      }
    }
    // Erasures: by the admin and by the facilitator, after their marks were counted.
    for (const [bankId, fac] of banks) {
      const roster = rosters.get(bankId) ?? [];
      for (const m of [roster[0], roster[5]]) {
        const answer = await (next() < 0.5 ? api.admin : fac).post(`/api/v1/members/${m?.id}/erase`);
        expect(answer.status, answer.text).toBe(200);
        history.erasures++;
      }
    }
    db = connect(kind === 'postgresql' ? { DATABASE_URL: api.databaseUrl } : { DATA_DIR: api.server.dataDir }).db;
    organisationId = (await db.selectFrom('organisations').select('id').executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => {
    await db?.destroy();
    await api?.stop();
  });

  test('the history went through every write path', () => {
    expect(history).toMatchObject({ batches: 30, makeUps: 6, erasures: 6 });
    expect(history.resends).toBeGreaterThanOrEqual(1);
    expect(history.corrections).toBeGreaterThanOrEqual(10);
  });

  test('member_sessions holds exactly what a recount of the present marks gives', async () => {
    const recount = await db
      .selectFrom('attendance')
      .innerJoin('deliveries', 'deliveries.id', 'attendance.deliveryId')
      .select((eb) => [
        'deliveries.bankId',
        'attendance.memberId',
        'deliveries.sessionId',
        eb.fn.countAll<number>().as('meetings'),
      ])
      .where('attendance.present', '=', 1)
      .groupBy(['deliveries.bankId', 'attendance.memberId', 'deliveries.sessionId'])
      .execute();
    const summary = await db.selectFrom('memberSessions').selectAll().execute();
    expect(sorted(summary)).toEqual(sorted(recount));
    // Make-up meetings show as a count above one, and the erased members' rows moved with them.
    expect(summary.some((r) => Number(r.meetings) > 1)).toBe(true);
    const erased = await db.selectFrom('members').select('id').where('erasedAt', 'is not', null).execute();
    expect(erased).toHaveLength(6);
    const orphans = await db
      .selectFrom('memberSessions')
      .leftJoin('members', 'members.id', 'memberSessions.memberId')
      .select('memberSessions.memberId')
      .where('members.id', 'is', null)
      .execute();
    expect(orphans).toEqual([]);
  });

  test('every rule, scope and period gives the same figures from both queries', async () => {
    const organisation: BankCondition = (eb) => eb.and([eb('banks.organisationId', '=', organisationId)]);
    const oneBank: BankCondition = (eb) => eb.and([eb('banks.id', '=', world.banks.a2)]);
    const regionA: BankCondition = (eb) => eb.and([eb('banks.regionId', '=', world.regions.a)]);
    const rules: CompletionRule[] = [];
    for (let min = 1; min <= 6; min++) rules.push({ minSessions: min, countedSessionIds: counted });
    for (let i = 0; i < 20; i++)
      rules.push({
        minSessions: 1 + Math.floor(next() * 4),
        countedSessionIds: [...counted, ...others].filter(() => next() < 0.5),
      });
    rules.push({ minSessions: 1, countedSessionIds: [] }, { minSessions: 2, countedSessionIds: others });
    let compared = 0;
    for (const rule of rules) {
      for (const scope of [organisation, oneBank, regionA]) {
        for (const period of [{}, { from: daysAgo(6) }, { to: daysAgo(3) }, { from: daysAgo(8), to: daysAgo(2) }]) {
          const now = Object.fromEntries(await attendancePerBank(db, scope, rule, period));
          const before = Object.fromEntries(await attendancePerBankBefore0012(db, scope, rule, period));
          expect(now, JSON.stringify({ rule, period })).toEqual(before);
          compared++;
        }
      }
    }
    expect(compared).toBe(rules.length * 12);
    // Every programme at once (the organisation's protected table), one pass: each rule as alone.
    for (const scope of [organisation, oneBank, regionA]) {
      const together = await attendancePerBankForRules(db, scope, rules);
      expect(together).toHaveLength(rules.length);
      for (const [i, rule] of rules.entries()) {
        expect(Object.fromEntries(together[i] ?? []), JSON.stringify(rule)).toEqual(
          Object.fromEntries(await attendancePerBankBefore0012(db, scope, rule, {})),
        );
      }
    }
    // Not an empty comparison: the organisation's full rule counts women in every bank.
    const full = await attendancePerBank(db, organisation, { minSessions: 2, countedSessionIds: counted }, {});
    expect([...full.keys()].sort()).toEqual([world.banks.a1, world.banks.a2, world.banks.b1].sort());
  });
});
