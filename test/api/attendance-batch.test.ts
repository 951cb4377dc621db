import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { databases, members, seedWorld, startApi, type World } from '../support/api-world.ts';

describe.each(databases)('attendance batches on %s', (kind) => {
  let api: Awaited<ReturnType<typeof startApi>>;
  let world: World;
  let roster: ReturnType<typeof members>;

  beforeAll(async () => {
    api = await startApi(kind, 'batches');
    world = await seedWorld(api.server.url, api.admin);
    roster = members(40);
    const saved = await world.users.facA.client.post(`/api/v1/banks/${world.banks.a1}/members`, { members: roster });
    expect(saved.status).toBe(200);
  });
  afterAll(() => api?.stop());

  // A meeting has one roll call: every new batch is another meeting (another day).
  let meetings = 0;
  const nextMeeting = () => new Date(Date.UTC(2026, 0, 1) + meetings++ * 86_400_000).toISOString().slice(0, 10);
  const batchFor = (bankId: string, memberIds: string[], sessionId = 'gv-espacio-de-confianza') => ({
    delivery: { id: randomUUID(), bankId, sessionId, deliveredOn: nextMeeting() },
    records: memberIds.map((memberId, i) => ({ id: randomUUID(), memberId, present: i % 3 !== 0 })),
  });

  test('resending the same batch three times leaves one copy', async () => {
    const facA = world.users.facA.client;
    const batch = batchFor(
      world.banks.a1,
      roster.map((m) => m.id),
    );
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await facA.post('/api/v1/attendance-batches', batch));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(answers[0]?.body).toMatchObject({
      delivery: { status: 'created', curriculumVersion: '1.1' },
      records: { created: 40, unchanged: 0 },
    });
    expect(answers[2]?.body).toMatchObject({
      delivery: { status: 'unchanged' },
      records: { created: 0, unchanged: 40 },
    });
    const stored = await facA.get(`/api/v1/deliveries/${batch.delivery.id}/attendance`);
    expect(stored.body.attendance).toHaveLength(40);
    const deliveries = await facA.get(`/api/v1/banks/${world.banks.a1}/deliveries`);
    expect(deliveries.body.deliveries.filter((d: { id: string }) => d.id === batch.delivery.id)).toEqual([
      expect.objectContaining({
        present: batch.records.filter((r) => r.present).length,
        absent: batch.records.filter((r) => !r.present).length,
      }),
    ]);
  });

  test('a batch with one bad row writes nothing and names the row and the field', async () => {
    const facA = world.users.facA.client;
    const batch = batchFor(
      world.banks.a1,
      roster.map((m) => m.id),
    );
    batch.records[17] = { id: randomUUID(), memberId: randomUUID(), present: true };
    const answer = await facA.post('/api/v1/attendance-batches', batch);
    expect(answer.status).toBe(422);
    expect(answer.body.error).toMatchObject({ code: 'invalid_rows', field: 'records[17].memberId' });
    expect(answer.body.error.rows).toEqual([
      { row: 17, field: 'memberId', message: 'is not a member of this bank', rule: 'attendance.not_a_member' },
    ]);
    // Nothing was written: not the delivery, not the 39 good rows.
    const stored = await facA.get(`/api/v1/deliveries/${batch.delivery.id}/attendance`);
    expect(stored.status).toBe(404);
  });

  test('a row that breaks the schema is refused before anything is read, naming the field', async () => {
    const batch = batchFor(
      world.banks.a1,
      roster.slice(0, 3).map((m) => m.id),
    );
    (batch.records[1] as { present: unknown }).present = 'sí';
    const answer = await world.users.facA.client.post('/api/v1/attendance-batches', batch);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 'invalid_request', field: 'records[1].present' });
  });

  test('the same record id with different content is a conflict that names the stored record', async () => {
    const facA = world.users.facA.client;
    const batch = batchFor(
      world.banks.a1,
      roster.slice(0, 5).map((m) => m.id),
    );
    expect((await facA.post('/api/v1/attendance-batches', batch)).status).toBe(200);
    const changed = structuredClone(batch);
    changed.records[2]!.present = !changed.records[2]!.present;
    const answer = await facA.post('/api/v1/attendance-batches', changed);
    expect(answer.status).toBe(409);
    expect(answer.body.error.field).toBe('records[2].id');
    expect(answer.body.error.rows[0].message).toContain(batch.records[2]!.id);
  });

  test('a session id that is not in the curriculum is refused', async () => {
    const answer = await world.users.facA.client.post(
      '/api/v1/attendance-batches',
      batchFor(world.banks.a1, [roster[0]!.id], 'sesion-que-no-existe'),
    );
    expect(answer.status).toBe(422);
    expect(answer.body.error).toMatchObject({ code: 'unprocessable', field: 'delivery.sessionId' });
  });

  test('a meeting dated after today is refused naming the date; today, wherever the phone is, is accepted', async () => {
    const facA = world.users.facA.client;
    const inTwoDays = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const future = batchFor(world.banks.a1, [roster[0]!.id]);
    const refused = await facA.post('/api/v1/attendance-batches', {
      ...future,
      delivery: { ...future.delivery, deliveredOn: '2030-01-15' },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: 'unprocessable', field: 'delivery.deliveredOn' });
    expect(
      (
        await facA.post('/api/v1/attendance-batches', {
          ...future,
          delivery: { ...future.delivery, deliveredOn: inTwoDays },
        })
      ).status,
    ).toBe(422);
    const today = batchFor(world.banks.a1, [roster[0]!.id]);
    const accepted = await facA.post('/api/v1/attendance-batches', {
      ...today,
      delivery: { ...today.delivery, deliveredOn: new Date().toISOString().slice(0, 10) },
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    const deliveries = (await facA.get(`/api/v1/banks/${world.banks.a1}/deliveries`)).body.deliveries as {
      id: string;
    }[];
    expect(deliveries.map((d) => d.id)).not.toContain(future.delivery.id);
  });

  test('the delivery records the curriculum version it was taught from', async () => {
    const facA = world.users.facA.client;
    const batch = batchFor(world.banks.a1, [roster[0]!.id], 'gv-violencia-no-es-normal');
    const answer = await facA.post('/api/v1/attendance-batches', batch);
    expect(answer.body.delivery.curriculumVersion).toBe('1.1');
    const listed = await facA.get(`/api/v1/banks/${world.banks.a1}/deliveries`);
    expect(listed.body.deliveries.find((d: { id: string }) => d.id === batch.delivery.id)).toMatchObject({
      sessionId: 'gv-violencia-no-es-normal',
      curriculumVersion: '1.1',
    });
  });
});
