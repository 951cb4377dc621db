import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ApiClient } from '../support/api-client.ts';
import { databases, members, seedWorld, startApi, type World } from '../support/api-world.ts';
import { everyTable } from '../support/every-table.ts';

/**
 * Which agenda steps a roll call says were done (issue 17, item 4), on the real server and both
 * databases. gv-espacio-de-confianza has 5 steps (0–4); its step 3 is the safety step.
 */
const SESSION = 'gv-espacio-de-confianza';
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

describe.each(databases)('steps done with a roll call, on %s', (kind) => {
  let api: Awaited<ReturnType<typeof startApi>>;
  let world: World;
  let facA: ApiClient;
  let roster: ReturnType<typeof members>;
  let day = 0;

  beforeAll(async () => {
    api = await startApi(kind, 'steps');
    world = await seedWorld(api.server.url, api.admin);
    facA = world.users.facA.client;
    roster = members(6);
    expect((await facA.post(`/api/v1/banks/${world.banks.a1}/members`, { members: roster })).status).toBe(200);
  });
  afterAll(() => api?.stop());

  /** A batch for a1 on a date of its own (within the correction window), with the given steps. */
  const batch = (stepsDone?: number[]) => ({
    delivery: { id: randomUUID(), bankId: world.banks.a1, sessionId: SESSION, deliveredOn: daysAgo(1 + day++) },
    records: roster.map((m, i) => ({ id: randomUUID(), memberId: m.id, present: i < 4 })),
    ...(stepsDone ? { stepsDone } : {}),
  });
  /** Rows of delivery_steps for one delivery, read from the database itself, as "version:step". */
  const stored = async (deliveryId: string) => {
    const rows = JSON.parse((await everyTable(api)).delivery_steps ?? '[]') as {
      delivery_id: string;
      version: number;
      step_index: number;
    }[];
    return rows
      .filter((r) => r.delivery_id === deliveryId)
      .map((r) => `${r.version}:${r.step_index}`)
      .sort();
  };
  const reported = async (deliveryId: string) => {
    const rows = JSON.parse((await everyTable(api)).roll_call_versions ?? '[]') as {
      delivery_id: string;
      version: number;
      steps_reported: number;
    }[];
    return rows
      .filter((r) => r.delivery_id === deliveryId)
      .map((r) => `${r.version}:${r.steps_reported}`)
      .sort();
  };

  test('the steps sent are stored as indexes of version 1; [] says none; leaving them out says nothing', async () => {
    const three = batch([4, 0, 3]);
    expect((await facA.post('/api/v1/attendance-batches', three)).status).toBe(200);
    expect(await stored(three.delivery.id)).toEqual(['1:0', '1:3', '1:4']);
    expect(await reported(three.delivery.id)).toEqual(['1:1']);

    const none = batch([]);
    expect((await facA.post('/api/v1/attendance-batches', none)).status).toBe(200);
    expect(await stored(none.delivery.id)).toEqual([]);
    expect(await reported(none.delivery.id)).toEqual(['1:1']);

    const silent = batch();
    expect((await facA.post('/api/v1/attendance-batches', silent)).status).toBe(200);
    expect(await reported(silent.delivery.id)).toEqual(['1:0']);
  });

  test('a step past the agenda (5 of a 5-step session) is refused with delivery.step_out_of_range, and nothing is stored', async () => {
    const bad = batch([0, 5]);
    const answer = await facA.post('/api/v1/attendance-batches', bad);
    expect(answer.status).toBe(422);
    expect(answer.body.error).toMatchObject({
      code: 'unprocessable',
      rule: 'delivery.step_out_of_range',
      field: 'stepsDone[1]',
      params: { step: 5, agendaSteps: 5 },
    });
    expect((await facA.get(`/api/v1/deliveries/${bad.delivery.id}/attendance`)).status).toBe(404);
  });

  test('the same step twice is refused with delivery.step_repeated; a negative, a fraction or a word never reach the service', async () => {
    const twice = await facA.post('/api/v1/attendance-batches', batch([1, 3, 1]));
    expect(twice.status).toBe(422);
    expect(twice.body.error).toMatchObject({
      rule: 'delivery.step_repeated',
      field: 'stepsDone[2]',
      params: { step: 1, other: 0 },
    });
    for (const wrong of [[-1], [1.5], ['Nuestros acuerdos'], [Number.MAX_SAFE_INTEGER]]) {
      const answer = await facA.post('/api/v1/attendance-batches', { ...batch(), stepsDone: wrong });
      expect(answer.status, JSON.stringify(wrong)).toBe(400);
      expect(answer.body.error.field).toBe('stepsDone[0]');
    }
  });

  test('resending the same batch (steps in another order) is unchanged; other steps, or none said, is a 409 delivery.steps_conflict', async () => {
    const sent = batch([3, 1]);
    expect((await facA.post('/api/v1/attendance-batches', sent)).body.delivery.status).toBe('created');
    const again = await facA.post('/api/v1/attendance-batches', { ...sent, stepsDone: [1, 3] });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      delivery: { status: 'unchanged', version: 1 },
      records: { created: 0, unchanged: 6 },
    });
    for (const other of [{ stepsDone: [1] }, { stepsDone: [] }, { stepsDone: undefined }]) {
      const answer = await facA.post('/api/v1/attendance-batches', { ...sent, ...other });
      expect(answer.status, JSON.stringify(other)).toBe(409);
      expect(answer.body.error).toMatchObject({
        code: 'conflict',
        rule: 'delivery.steps_conflict',
        storedId: sent.delivery.id,
        version: 1,
      });
    }
    expect(await stored(sent.delivery.id)).toEqual(['1:1', '1:3']);
  });

  test('six phones resending one batch at once store its steps once', async () => {
    const sent = batch([0, 2, 3]);
    const answers = await Promise.all(Array.from({ length: 6 }, () => facA.post('/api/v1/attendance-batches', sent)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(answers.filter((a) => a.body.delivery.status === 'created')).toHaveLength(1);
    expect(await stored(sent.delivery.id)).toEqual(['1:0', '1:2', '1:3']);
  });

  test('a correction may change the steps as a new version; one that leaves them out keeps them; earlier versions stay', async () => {
    const sent = batch([0, 1]);
    expect((await facA.post('/api/v1/attendance-batches', sent)).status).toBe(200);
    const id = sent.delivery.id;
    const unchangedMark = [{ memberId: roster[0]!.id, present: true }];
    const steps = await facA.post(`/api/v1/deliveries/${id}/corrections`, {
      id: randomUUID(),
      basedOn: 1,
      records: unchangedMark,
      stepsDone: [0, 1, 3],
    });
    expect(steps.status, steps.text).toBe(200);
    expect(steps.body).toMatchObject({ status: 'created', delivery: { version: 2 }, changed: 0 });
    const marks = await facA.post(`/api/v1/deliveries/${id}/corrections`, {
      id: randomUUID(),
      basedOn: 2,
      records: [{ memberId: roster[5]!.id, present: true }],
    });
    expect(marks.body).toMatchObject({ status: 'created', delivery: { version: 3 }, changed: 1 });
    expect(await stored(id)).toEqual(['1:0', '1:1', '2:0', '2:1', '2:3', '3:0', '3:1', '3:3']);
    expect(await reported(id)).toEqual(['1:1', '2:1', '3:1']);

    // The same steps again change nothing; a step past the agenda is refused; the first batch resent is still unchanged.
    const same = await facA.post(`/api/v1/deliveries/${id}/corrections`, {
      id: randomUUID(),
      basedOn: 3,
      records: unchangedMark,
      stepsDone: [3, 1, 0],
    });
    expect(same.body.error).toMatchObject({ rule: 'delivery.no_change' });
    const far = await facA.post(`/api/v1/deliveries/${id}/corrections`, {
      id: randomUUID(),
      basedOn: 3,
      records: unchangedMark,
      stepsDone: [7],
    });
    expect(far.body.error).toMatchObject({ rule: 'delivery.step_out_of_range', field: 'stepsDone[0]' });
    expect((await facA.post('/api/v1/attendance-batches', sent)).body.delivery).toMatchObject({
      status: 'unchanged',
      version: 3,
    });
  });

  test('a correction resent with other steps under the same id is a 409 delivery.correction_id_reused', async () => {
    const sent = batch([0]);
    expect((await facA.post('/api/v1/attendance-batches', sent)).status).toBe(200);
    const correction = {
      id: randomUUID(),
      basedOn: 1,
      records: [{ memberId: roster[0]!.id, present: true }],
      stepsDone: [0, 3],
    };
    expect((await facA.post(`/api/v1/deliveries/${sent.delivery.id}/corrections`, correction)).body.status).toBe(
      'created',
    );
    expect((await facA.post(`/api/v1/deliveries/${sent.delivery.id}/corrections`, correction)).body.status).toBe(
      'unchanged',
    );
    const other = await facA.post(`/api/v1/deliveries/${sent.delivery.id}/corrections`, {
      ...correction,
      stepsDone: [0],
    });
    expect(other.status).toBe(409);
    expect(other.body.error.rule).toBe('delivery.correction_id_reused');
  });
});
