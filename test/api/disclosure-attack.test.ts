import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sessionsOfManual } from '../../src/curriculum/resolve.ts';
import { derivedCounts, sumFigures, type PersonFigures } from '../../src/attendance/disclosure/person-figures.ts';
import { sourceCurriculum } from '../support/built-site.ts';
import type { ApiClient } from '../support/api-client.ts';
import { databases, seedWorld, startApi, type World } from '../support/api-world.ts';
import { countNames, recovered, type Equation, type Target } from '../support/attacker.ts';

/**
 * The coordinator (and the admin) as attackers, against the real server. Six small banks in two
 * regions; each woman's sessions are known here, so every true count is known. The attacker
 * issues every query the API allows her — every programme, filter, grouping and period, JSON and
 * CSV — reads the delivery lists and workshops she may see, then solves exactly for each count
 * of women from 1 to 4, and for each complement (enrolled − attended, attended − completed, …).
 * She must recover none of them.
 */

const curriculum = sourceCurriculum();
// Each programme's counted sessions and completion rule, as the content states them.
const programmes = curriculum.programmes.map((p) => ({
  id: p.id,
  sessions: sessionsOfManual(curriculum, p.completionRule.manual)
    .filter((s) => s.countsTowardCompletion)
    .map((s) => s.id),
  min: p.completionRule.minSessions,
}));
const programmeIds = programmes.map((p) => p.id);
// The seed below gives each woman her sessions in this order of programmes.
if (programmeIds.join() !== 'imagen-peru,ahorro-para-el-futuro')
  throw new Error(
    `the seed expects the programmes imagen-peru and ahorro-para-el-futuro, in that order; the content has ${programmeIds.join(', ')}`,
  );

/** A woman: counted sessions attended in each programme, and whether she completed her leaders' workshop. */
type Woman = [imagen: number, ahorro: number, leader?: boolean];
interface SeedBank {
  key: string;
  region: 'a' | 'b';
  owner: 'facA' | 'facA2' | 'facB';
  delivered: [imagen: number, ahorro: number];
  women: Woman[];
}
const seed: SeedBank[] = [
  {
    key: 'a1',
    region: 'a',
    owner: 'facA',
    delivered: [4, 0],
    women: [
      [4, 0, true],
      [1, 0],
      [0, 0],
    ],
  },
  {
    key: 'a2',
    region: 'a',
    owner: 'facA2',
    delivered: [5, 4],
    women: [
      [5, 4, true],
      [5, 4, true],
      [5, 4, true],
      [4, 4, true],
      [4, 4, true],
      [4, 0, true],
      [2, 0],
      [2, 0],
      [0, 0],
      [0, 0],
      [0, 0],
      [1, 0],
    ],
  },
  {
    key: 'a3',
    region: 'a',
    owner: 'facA',
    delivered: [2, 0],
    women: [
      [2, 0],
      [2, 0],
      [1, 0],
      [1, 0],
      [1, 0],
      [0, 0],
      [0, 0],
    ],
  },
  {
    key: 'a4',
    region: 'a',
    owner: 'facA2',
    delivered: [7, 6],
    women: Array.from({ length: 25 }, (_, i): Woman => [i < 5 ? 0 : 1 + (i % 7), (i % 3) * 2, i >= 3 && i < 10]),
  },
  {
    key: 'b1',
    region: 'b',
    owner: 'facB',
    delivered: [1, 0],
    women: [
      [1, 0],
      [0, 0],
    ],
  },
  {
    key: 'b2',
    region: 'b',
    owner: 'facB',
    delivered: [6, 0],
    women: Array.from({ length: 30 }, (_, i): Woman => [i % 7, 0, i < 6]),
  },
];

const truthOf = (bank: SeedBank): PersonFigures => ({
  enrolled: bank.women.length,
  leadersTrained: bank.women.filter((w) => w[2]).length,
  programmes: Object.fromEntries(
    programmes.map((p, i) => [
      p.id,
      {
        attendedAtLeastOne: bank.women.filter((w) => (w[i] as number) >= 1).length,
        completed: bank.women.filter((w) => (w[i] as number) >= p.min).length,
      },
    ]),
  ),
});

describe.each(databases)('the coordinator and the admin, attacking the published figures on %s', (kind) => {
  let api: Awaited<ReturnType<typeof startApi>>;
  let world: World;
  const bankIds = new Map<string, string>();
  const keyOf = new Map<string, string>();

  beforeAll(async () => {
    api = await startApi(kind, 'attack');
    world = await seedWorld(api.server.url, api.admin);
    for (const b of seed) {
      const existing = (world.banks as Record<string, string>)[b.key];
      const id = existing ?? randomUUID();
      if (!existing) {
        const made = await api.admin.post('/api/v1/banks', {
          id,
          regionId: world.regions[b.region],
          code: `BC-${b.key.toUpperCase()}`,
          name: `Banco ${b.key}`,
          facilitatorId: world.users[b.owner].id,
        });
        expect(made.status).toBe(201);
      }
      bankIds.set(b.key, id);
      keyOf.set(id, b.key);
    }
    const workshops = { a: randomUUID(), b: randomUUID() };
    for (const r of ['a', 'b'] as const) {
      const made = await world.users[r === 'a' ? 'coordA' : 'coordB'].client.post('/api/v1/workshops', {
        id: workshops[r],
        regionId: world.regions[r],
        title: 'Taller de lideresas',
        startsOn: '2026-05-04',
        days: 2,
      });
      expect(made.status).toBe(200);
    }
    for (const b of seed) {
      const owner = world.users[b.owner].client;
      const bankId = bankIds.get(b.key) ?? '';
      const roster = b.women.map((_, i) => ({
        id: randomUUID(),
        memberCode: `${b.key.toUpperCase()}-${i + 1}`,
        displayName: `Socia ${b.key} ${i + 1}`,
        enrolledOn: '2026-03-01',
      }));
      expect((await owner.post(`/api/v1/banks/${bankId}/members`, { members: roster })).status).toBe(200);
      for (const [pi, p] of programmes.entries()) {
        for (let s = 0; s < b.delivered[pi]!; s++) {
          const records = roster.map((m, i) => ({
            id: randomUUID(),
            memberId: m.id,
            present: s < (b.women[i]![pi] as number),
          }));
          const saved = await rollCall(
            owner,
            bankId,
            p.sessions[s]!,
            `2026-0${4 + pi}-${String(10 + s).padStart(2, '0')}`,
            records,
          );
          expect(saved, JSON.stringify(saved)).toBe(200);
        }
      }
      // Trained leaders attended both days; a4's women 0–2 took part one day only (not trained).
      const participants = roster.flatMap((m, i) =>
        b.women[i]![2]
          ? [{ id: randomUUID(), memberId: m.id, daysAttended: 2 }]
          : b.key === 'a4' && i < 3
            ? [{ id: randomUUID(), memberId: m.id, daysAttended: 1 }]
            : [],
      );
      if (participants.length)
        expect(
          (await owner.post(`/api/v1/workshops/${workshops[b.region]}/participants`, { participants })).status,
        ).toBe(200);
    }
  });
  afterAll(() => api?.stop());

  async function rollCall(
    owner: ApiClient,
    bankId: string,
    sessionId: string,
    deliveredOn: string,
    records: { id: string; memberId: string; present: boolean }[],
  ) {
    return (
      await owner.post('/api/v1/attendance-batches', {
        delivery: { id: randomUUID(), bankId, sessionId, deliveredOn },
        records,
      })
    ).status;
  }

  /** Everything the caller can learn: equations from every figure, the delivery lists, the workshops, the roster if she reads it. */
  async function gather(client: ApiClient) {
    const banks = (await client.get('/api/v1/banks')).body.banks as { id: string; regionId: string; code: string }[];
    const regions = [...new Set([...banks.map((b) => b.regionId), world.regions.a, world.regions.b])];
    const equations: Equation[] = [];
    let requests = 0;
    const refusedPeriods: number[] = [];
    const scopeOf = (q: Record<string, string>) =>
      banks
        .filter((b) => (!q.regionId || b.regionId === q.regionId) && (!q.bankId || b.id === q.bankId))
        .map((b) => b.id);
    const read = (cells: Record<string, unknown>, over: string[], programmeId: string, source: string) => {
      if (!over.length) return;
      const named: [string, unknown][] = [
        ['enrolled', cells.enrolled],
        ['leadersTrained', cells.leadersTrained],
        [`${programmeId}.attendedAtLeastOne`, cells.attendedAtLeastOne],
        [`${programmeId}.completed`, cells.completed],
      ];
      for (const [count, value] of named) {
        if (value === 'oculto') continue;
        const n = Number(value);
        expect(Number.isInteger(n), `${source} ${count}: ${String(value)}`).toBe(true);
        equations.push({ banks: over, count, value: n, source });
      }
    };
    const filters: Record<string, string>[] = [
      {},
      ...regions.map((regionId) => ({ regionId })),
      ...[...bankIds.values(), randomUUID()].map((bankId) => ({ bankId })),
    ];
    filters.push(
      ...filters.flatMap((f) => [
        { ...f, groupBy: 'bank' },
        { ...f, groupBy: 'region' },
      ]),
    );
    filters.push(...[...bankIds.values()].flatMap((bankId) => regions.map((regionId) => ({ bankId, regionId }))));
    for (const programmeId of programmeIds) {
      for (const f of filters) {
        const q = new URLSearchParams({ programmeId, ...f }).toString();
        const json = await client.get(`/api/v1/indicators?${q}`);
        requests++;
        expect(json.status, q).toBe(200);
        read(json.body.total, scopeOf(f), programmeId, `json ${q} total`);
        for (const g of json.body.groups ?? []) {
          const over = f.groupBy === 'bank' ? [g.id] : scopeOf({ ...f, regionId: g.id });
          read(g.figures, over, programmeId, `json ${q} ${g.code}`);
        }
        const csv = await client.get(`/api/v1/exports/indicators.csv?${q}`);
        requests++;
        expect(csv.status, q).toBe(200);
        for (const row of parse(csv.text, { columns: true }) as Record<string, string>[]) {
          const group =
            row.group === 'total' ? undefined : (banks.find((b) => b.code === row.code) ?? { id: '', regionId: '' });
          const over =
            row.group === 'total'
              ? scopeOf(f)
              : row.group === 'bank'
                ? [group?.id ?? '']
                : scopeOf({
                    ...f,
                    regionId:
                      regions.find(
                        (r) =>
                          r ===
                          (json.body.groups ?? []).find((g: { code: string; id: string }) => g.code === row.code)?.id,
                      ) ?? '',
                  });
          read(row, over.filter(Boolean), programmeId, `csv ${q} ${row.code || 'total'}`);
        }
      }
      // Free periods are what let one woman be differenced out: above the facilitator they are refused.
      for (const period of ['from=2026-04-11', 'to=2026-04-12', 'from=2026-04-01&to=2026-04-30']) {
        const refused = await client.get(`/api/v1/indicators?programmeId=${programmeId}&${period}`);
        refusedPeriods.push(refused.status);
        const refusedCsv = await client.get(`/api/v1/exports/indicators.csv?programmeId=${programmeId}&${period}`);
        refusedPeriods.push(refusedCsv.status);
      }
    }
    // The delivery lists say where a woman could have come at all.
    const capability = new Map<string, number[]>();
    for (const b of banks) {
      const deliveries = (await client.get(`/api/v1/banks/${b.id}/deliveries`)).body.deliveries as {
        sessionId: string;
        present?: number;
      }[];
      expect(deliveries.every((d) => d.present === undefined)).toBe(true);
      capability.set(
        b.id,
        programmes.map((p) => {
          const n = new Set(deliveries.map((d) => d.sessionId).filter((s) => p.sessions.includes(s))).size;
          return n === 0 ? 0 : n >= p.min ? 2 : 1;
        }),
      );
    }
    // The roster, for whoever may read it (the admin): each bank's size, exactly.
    for (const b of banks) {
      const roster = await client.get(`/api/v1/banks/${b.id}/members`);
      if (roster.status === 200)
        equations.push({
          banks: [b.id],
          count: 'enrolled',
          value: roster.body.members.length,
          source: `roster of ${b.code}`,
        });
    }
    const workshops = (await client.get('/api/v1/workshops')).body.workshops as { regionId: string }[];
    const noLeaders = new Set(banks.filter((b) => !workshops.some((w) => w.regionId === b.regionId)).map((b) => b.id));
    return { banks, equations, capability, noLeaders, requests, refusedPeriods };
  }

  /** Every count from 1 to 4 of every unit she can see (bank, region, total of her banks), with complements. */
  function targetsFor(
    banks: { id: string; regionId: string }[],
    rosterKnown: boolean,
    capability: Map<string, number[]>,
  ): Target[] {
    const truth = new Map(seed.map((b) => [bankIds.get(b.key) ?? '', truthOf(b)]));
    const units = [
      ...banks.map((b) => ({ label: keyOf.get(b.id) ?? b.id, banks: [b.id] })),
      ...[world.regions.a, world.regions.b].map((r) => ({
        label: r === world.regions.a ? 'region A' : 'region B',
        banks: banks.filter((b) => b.regionId === r).map((b) => b.id),
      })),
      { label: 'all her banks', banks: banks.map((b) => b.id) },
    ];
    // With the roster, what a delivery list settles alone (nobody came where nothing was held) is known before any figure.
    const fixed = (bankId: string, count: string) => {
      const dot = count.lastIndexOf('.');
      if (!rosterKnown || dot < 0) return false;
      const cap = capability.get(bankId)?.[programmeIds.indexOf(count.slice(0, dot))] ?? 0;
      const what = count.slice(dot + 1);
      return cap === 0 || (cap === 1 && (what === 'completed' || what === 'notCompleted'));
    };
    return units.flatMap((u) =>
      countNames(programmeIds)
        .filter((count) => !(rosterKnown && count === 'enrolled'))
        .map((count) => {
          const over = u.banks.filter((b) => !fixed(b, count));
          const value =
            derivedCounts(
              sumFigures(
                over.map((b) => truth.get(b) ?? sumFigures([], programmeIds)),
                programmeIds,
              ),
            ).get(count) ?? 0;
          return { banks: over, count, truth: value, label: `${u.label} ${count}` };
        })
        .filter((t) => t.banks.length > 0 && t.truth >= 1 && t.truth <= 4),
    );
  }

  test.each(['coordA', 'coordB', 'admin'] as const)(
    '%s recovers no count of 1 to 4 women, whatever she combines',
    async (who) => {
      const client = who === 'admin' ? api.admin : world.users[who].client;
      const seen = await gather(client);
      const rosterKnown = who === 'admin';
      expect(
        seen.refusedPeriods.every((s) => s === 400),
        `periods: ${seen.refusedPeriods}`,
      ).toBe(true);
      // She reads what is published right: every figure she holds is the true one.
      const truth = new Map(seed.map((b) => [bankIds.get(b.key) ?? '', truthOf(b)]));
      const wrong = seen.equations.filter(
        (e) =>
          (derivedCounts(
            sumFigures(
              e.banks.map((b) => truth.get(b) ?? sumFigures([], programmeIds)),
              programmeIds,
            ),
          ).get(e.count) ?? 0) !== e.value,
      );
      expect(wrong.map((e) => `${e.source} ${e.count}=${e.value}`)).toEqual([]);
      const targets = targetsFor(seen.banks, rosterKnown, seen.capability);
      const found = await recovered(
        { programmeIds, capability: seen.capability, noLeaders: seen.noLeaders, equations: seen.equations },
        targets,
      );
      expect(found.map((f) => `${f.target.label} = ${f.value}`)).toEqual([]);
      // Not vacuous: she asked everything, saw real figures, and there were small counts to find.
      expect({ requests: seen.requests, targets: targets.length, equations: seen.equations.length }).toEqual(
        expected[who],
      );
    },
  );
});

/** Per caller: requests sent (2 programmes × 42 filters × JSON and CSV), small counts to find, figures read. */
const expected = {
  coordA: { requests: 168, targets: 13, equations: 288 },
  coordB: { requests: 168, targets: 8, equations: 128 },
  admin: { requests: 168, targets: 14, equations: 374 },
};
