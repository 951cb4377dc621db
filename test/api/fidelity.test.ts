import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ApiClient } from '../support/api-client.ts';
import { databases, members, seedWorld, startApi, type World } from '../support/api-world.ts';

/**
 * Delivery fidelity figures above the facilitator, on the real server and both databases, with
 * the organisation's threshold (content/organisation.yaml: hideUpTo 4). Core steps today are the
 * safety steps: gv-espacio-de-confianza has one (index 3), gv-violencia-no-es-normal two (0, 5).
 *
 * Quarter 2026-Q3:
 * - espacio: a1 sends 4 roll calls, a2 3 (and one that says nothing of its steps), b1 2. Region B
 *   (2 deliveries) is hidden; its complement, region A, too; the organisation (9) is published.
 * - violencia: a1 5, b1 5: every unit is published.
 */
const ESPACIO = 'gv-espacio-de-confianza';
const VIOLENCIA = 'gv-violencia-no-es-normal';

type Unit = {
  level: string;
  code: string | null;
  deliveries: number | string;
  steps: { index: number; done: number | string; share: number | string }[];
};
type Answer = { bySession: { sessionId: string; coreSteps: { index: number }[]; units: Unit[] }[] };
/** The steps this file ticks; other core steps (core by the content's marks) are never ticked, so they count 0. */
const ticked: Record<string, number[]> = { 'gv-espacio-de-confianza': [3], 'gv-violencia-no-es-normal': [0, 5] };
const unitsOf = (body: Answer, sessionId: string) =>
  body.bySession
    .find((s) => s.sessionId === sessionId)
    ?.units.map((u) => ({ ...u, steps: u.steps.filter((step) => ticked[sessionId]!.includes(step.index)) }));
const untickedOf = (body: Answer, sessionId: string) =>
  body.bySession
    .find((s) => s.sessionId === sessionId)!
    .units.flatMap((u) => u.steps.filter((step) => !ticked[sessionId]!.includes(step.index)));
const hidden = (code: string | null, level = 'region') => ({
  level,
  code,
  deliveries: 'oculto',
  steps: expect.arrayContaining([expect.objectContaining({ done: 'oculto', share: 'oculto' })]),
});

describe.each(databases)('fidelity figures, protected above the facilitator, on %s', (kind) => {
  let api: Awaited<ReturnType<typeof startApi>>;
  let world: World;
  let coordA: ApiClient;
  let coordB: ApiClient;
  const firstB = randomUUID();

  beforeAll(async () => {
    api = await startApi(kind, 'fidelity');
    world = await seedWorld(api.server.url, api.admin);
    coordA = world.users.coordA.client;
    coordB = world.users.coordB.client;
    const banks = [
      { bank: world.banks.a1, client: world.users.facA.client },
      { bank: world.banks.a2, client: world.users.facA2.client },
      { bank: world.banks.b1, client: world.users.facB.client },
    ];
    const rosters = new Map(banks.map((b) => [b.bank, members(5, b.bank.slice(0, 4))]));
    for (const { bank, client } of banks)
      expect((await client.post(`/api/v1/banks/${bank}/members`, { members: rosters.get(bank) })).status).toBe(200);
    const send = async (bank: string, sessionId: string, day: string, stepsDone?: number[], id = randomUUID()) => {
      const client = banks.find((b) => b.bank === bank)!.client;
      const records = rosters.get(bank)!.map((m) => ({ id: randomUUID(), memberId: m.id, present: true }));
      const answer = await client.post('/api/v1/attendance-batches', {
        delivery: { id, bankId: bank, sessionId, deliveredOn: day },
        records,
        ...(stepsDone ? { stepsDone } : {}),
      });
      expect(answer.status, answer.text).toBe(200);
    };
    const { a1, a2, b1 } = world.banks;
    for (const [i, steps] of [[0, 3], [3], [1], []].entries()) await send(a1, ESPACIO, `2026-07-0${i + 1}`, steps);
    for (const [i, steps] of [[3], [3], [3, 4]].entries()) await send(a2, ESPACIO, `2026-08-0${i + 1}`, steps);
    await send(a2, ESPACIO, '2026-08-09');
    await send(b1, ESPACIO, '2026-09-01', [3], firstB);
    await send(b1, ESPACIO, '2026-09-30', []);
    // The day after the quarter: counted in 2026-Q4 only.
    await send(b1, ESPACIO, '2026-10-01', [3]);
    for (const [i, steps] of [[0, 5], [0, 5], [0, 5], [0, 5], [0]].entries())
      await send(a1, VIOLENCIA, `2026-07-1${i}`, steps);
    for (const [i, steps] of [[0], [0], [0], [5], []].entries()) await send(b1, VIOLENCIA, `2026-07-2${i}`, steps);
  });
  afterAll(() => api?.stop());

  test('the admin reads the organisation and every region: exact where enough deliveries lie behind a share, "oculto" where not', async () => {
    const answer = await api.admin.get('/api/v1/fidelity?programmeId=imagen-peru&quarter=2026-Q3');
    expect(answer.status, answer.text).toBe(200);
    expect(answer.body).toMatchObject({
      programmeId: 'imagen-peru',
      quarter: '2026-Q3',
      from: '2026-07-01',
      to: '2026-09-30',
      hideUpTo: 4,
    });
    expect(answer.body.bySession.find((s: { sessionId: string }) => s.sessionId === ESPACIO).coreSteps).toContainEqual({
      index: 3,
      title: 'Nuestros acuerdos de confianza',
    });
    // A core step nobody ticked counts 0 (or is hidden with its unit), never more.
    for (const id of [ESPACIO, VIOLENCIA])
      for (const step of untickedOf(answer.body, id)) expect([0, 'oculto']).toContain(step.done);
    // 9 deliveries said their steps (a2's silent one is not counted); 6 did step 3.
    expect(unitsOf(answer.body, ESPACIO)).toEqual([
      { level: 'organisation', code: null, deliveries: 9, steps: [{ index: 3, done: 6, share: 0.67 }] },
      hidden('AYA'),
      hidden('HVC'),
    ]);
    expect(unitsOf(answer.body, VIOLENCIA)).toEqual([
      {
        level: 'organisation',
        code: null,
        deliveries: 10,
        steps: [
          { index: 0, done: 8, share: 0.8 },
          { index: 5, done: 5, share: 0.5 },
        ],
      },
      {
        level: 'region',
        code: 'AYA',
        deliveries: 5,
        steps: [
          { index: 0, done: 5, share: 1 },
          { index: 5, done: 4, share: 0.8 },
        ],
      },
      {
        level: 'region',
        code: 'HVC',
        deliveries: 5,
        steps: [
          { index: 0, done: 3, share: 0.6 },
          { index: 5, done: 1, share: 0.2 },
        ],
      },
    ]);
  });

  test('a coordinator reads her own region only, as the admin sees it', async () => {
    const a = await coordA.get('/api/v1/fidelity?programmeId=imagen-peru&quarter=2026-Q3');
    expect(unitsOf(a.body, ESPACIO)).toEqual([hidden('AYA')]);
    expect(unitsOf(a.body, VIOLENCIA)).toEqual([
      {
        level: 'region',
        code: 'AYA',
        deliveries: 5,
        steps: [
          { index: 0, done: 5, share: 1 },
          { index: 5, done: 4, share: 0.8 },
        ],
      },
    ]);
    const b = await coordB.get('/api/v1/fidelity?programmeId=imagen-peru&quarter=2026-Q3');
    expect(unitsOf(b.body, ESPACIO)).toEqual([hidden('HVC')]);
  });

  test('attack: the organisation minus its published regions never leaves one region (or fewer than 5 deliveries) alone', async () => {
    const admin = (await api.admin.get('/api/v1/fidelity?programmeId=imagen-peru&quarter=2026-Q3')).body as Answer;
    for (const session of admin.bySession) {
      const [organisation, ...regions] = session.units;
      if (organisation?.deliveries === 'oculto') continue;
      const published = regions
        .filter((r) => r.deliveries !== 'oculto')
        .reduce((sum, r) => sum + Number(r.deliveries), 0);
      const left = Number(organisation?.deliveries) - published;
      const hiddenRegions = regions.filter((r) => r.deliveries === 'oculto').length;
      // What subtraction leaves is nothing, or a pool of two regions or more above the threshold.
      expect(
        left === 0 || (left > 4 && hiddenRegions >= 2),
        `${session.sessionId}: ${left} deliveries left in ${hiddenRegions} region(s)`,
      ).toBe(true);
    }
    // Region B's 2 deliveries (1 of them did step 3) can be had from nothing published: both regions are hidden.
    expect(
      unitsOf(admin, ESPACIO)
        ?.filter((u) => u.deliveries === 'oculto')
        .map((u) => u.code),
    ).toEqual(['AYA', 'HVC']);
  });

  test('attack: two periods cannot be differenced: from/to are refused, and quarters share no day', async () => {
    for (const query of ['from=2026-07-01&to=2026-09-29', 'from=2026-07-01', 'to=2026-09-30']) {
      const answer = await coordA.get(`/api/v1/fidelity?programmeId=imagen-peru&${query}`);
      expect(answer.status, query).toBe(400);
      expect(answer.body.error.code).toBe('fixed_period');
    }
    // 2026-10-01 is Q4's: b1's one delivery there is alone in the quarter, so Q4 hides everything.
    const q4 = await api.admin.get('/api/v1/fidelity?programmeId=imagen-peru&quarter=2026-Q4');
    expect(unitsOf(q4.body, ESPACIO)).toEqual([
      hidden(null, 'organisation'),
      { level: 'region', code: 'AYA', deliveries: 0, steps: [{ index: 3, done: 0, share: 0 }] },
      hidden('HVC'),
    ]);
    expect((await coordA.get('/api/v1/fidelity?programmeId=imagen-peru&quarter=2026-Q5')).status).toBe(400);
    expect((await coordA.get('/api/v1/fidelity?programmeId=no-such-programme&quarter=2026-Q3')).status).toBe(422);
  });

  test('a correction of the steps changes the figures: the latest version counts', async () => {
    const facB = world.users.facB.client;
    const record = (await facB.get(`/api/v1/deliveries/${firstB}/attendance`)).body.attendance[0];
    const corrected = await facB.post(`/api/v1/deliveries/${firstB}/corrections`, {
      id: randomUUID(),
      basedOn: 1,
      records: [{ memberId: record.memberId, present: true }],
      stepsDone: [],
    });
    // The meeting is older than the 14-day window: an admin reopens it first.
    expect(corrected.body.error?.rule).toBe('delivery.correction_window_closed');
    expect((await api.admin.post(`/api/v1/deliveries/${firstB}/reopen`, {})).status).toBe(200);
    const again = await facB.post(`/api/v1/deliveries/${firstB}/corrections`, {
      id: randomUUID(),
      basedOn: 1,
      records: [{ memberId: record.memberId, present: true }],
      stepsDone: [],
    });
    expect(again.status, again.text).toBe(200);
    const answer = await api.admin.get('/api/v1/fidelity?programmeId=imagen-peru&quarter=2026-Q3');
    expect(unitsOf(answer.body, ESPACIO)?.[0]).toEqual({
      level: 'organisation',
      code: null,
      deliveries: 9,
      steps: [{ index: 3, done: 5, share: 0.56 }],
    });
  });

  test('the CSV export has the same cells, "oculto" included, and every read and export is audited', async () => {
    const csv = await coordA.get('/api/v1/exports/fidelity.csv?programmeId=imagen-peru&quarter=2026-Q3');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="fidelity-imagen-peru-2026-Q3.csv"');
    const lines = csv.text.trim().split(/\r?\n/);
    expect(lines[0]).toBe('quarter,session_id,level,region_code,step_index,step_title,deliveries,done,share');
    expect(lines).toContain(`2026-Q3,${ESPACIO},region,AYA,3,Nuestros acuerdos de confianza,oculto,oculto,oculto`);
    expect(lines).toContain(`2026-Q3,${VIOLENCIA},region,AYA,5,No es su culpa y la ley la protege,5,4,0.8`);
    expect(lines.some((l) => l.includes('HVC'))).toBe(false);
    const log = (await api.admin.get('/api/v1/audit?limit=500')).body.entries as {
      action: string;
      actorId: string;
      detail: Record<string, unknown>;
    }[];
    expect(
      log.filter((e) => e.action === 'export.fidelity' && e.actorId === world.users.coordA.id).map((e) => e.detail),
    ).toEqual([{ rows: lines.length - 1, programmeId: 'imagen-peru', quarter: '2026-Q3' }]);
    expect(log.filter((e) => e.action === 'fidelity.read').length).toBeGreaterThanOrEqual(6);
  });

  test('facilitators do not read fidelity figures (403): above her own roll calls they are the coordinator’s', async () => {
    expect((await world.users.facA.client.get('/api/v1/fidelity?programmeId=imagen-peru&quarter=2026-Q3')).status).toBe(
      403,
    );
    expect((await world.users.facB.client.get('/api/v1/exports/fidelity.csv?programmeId=imagen-peru')).status).toBe(
      403,
    );
  });
});
