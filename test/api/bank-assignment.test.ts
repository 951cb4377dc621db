import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { databases, members, seedWorld, startApi, type World } from '../support/api-world.ts';

// Issue 19: the admin gives a bank to another facilitator from the office. Who may read and
// write the bank follows at once, because every query is scoped by the bank's facilitator.
describe.each(databases)('giving a bank to another facilitator on %s', (kind) => {
  let api: Awaited<ReturnType<typeof startApi>>;
  let world: World;
  const roster = members(4, 'W');

  beforeAll(async () => {
    api = await startApi(kind, 'assign');
    world = await seedWorld(api.server.url, api.admin);
    expect(
      (await world.users.facA.client.post(`/api/v1/banks/${world.banks.a1}/members`, { members: roster })).status,
    ).toBe(200);
  });
  afterAll(() => api?.stop());

  const assign = (bankId: string, facilitatorId: string | null) =>
    api.admin.post(`/api/v1/banks/${bankId}/facilitator`, { facilitatorId });
  const roll = () => ({
    delivery: {
      id: randomUUID(),
      bankId: world.banks.a1,
      sessionId: 'gv-espacio-de-confianza',
      deliveredOn: '2026-04-12',
    },
    records: roster.map((m) => ({ id: randomUUID(), memberId: m.id, present: true })),
  });

  test('the roster moves with the bank: the former facilitator gets 404, the new one 200, and the audit log says from whom to whom', async () => {
    const { facA, facA2 } = world.users;
    expect((await facA.client.get(`/api/v1/banks/${world.banks.a1}/members`)).status).toBe(200);
    expect((await facA2.client.get(`/api/v1/banks/${world.banks.a1}/members`)).status).toBe(404);

    const moved = await assign(world.banks.a1, facA2.id);
    expect(moved.status, moved.text).toBe(200);
    expect(moved.body.bank).toMatchObject({ id: world.banks.a1, code: 'BC-A1', facilitatorId: facA2.id });

    expect((await facA.client.get(`/api/v1/banks/${world.banks.a1}/members`)).status).toBe(404);
    expect((await facA.client.post('/api/v1/attendance-batches', roll())).status).toBe(404);
    const theirs = await facA2.client.get(`/api/v1/banks/${world.banks.a1}/members`);
    expect(theirs.status).toBe(200);
    expect(theirs.body.members.map((m: { memberCode: string }) => m.memberCode).sort()).toEqual(
      roster.map((m) => m.memberCode),
    );
    expect((await facA2.client.post('/api/v1/attendance-batches', roll())).status).toBe(200);
    expect((await facA.client.get('/api/v1/banks')).body.banks.map((b: { id: string }) => b.id)).not.toContain(
      world.banks.a1,
    );

    const entry = (await api.admin.get('/api/v1/audit?limit=20')).body.entries.find(
      (e: { action: string }) => e.action === 'bank.assign',
    );
    expect(entry).toMatchObject({ entity: 'bank', entityId: world.banks.a1, detail: { from: facA.id, to: facA2.id } });
  });

  test('left without a facilitator, nobody writes the bank; given back, its facilitator does again', async () => {
    expect((await assign(world.banks.a1, null)).body.bank.facilitatorId).toBeNull();
    expect((await world.users.facA2.client.get(`/api/v1/banks/${world.banks.a1}/members`)).status).toBe(404);
    expect((await assign(world.banks.a1, world.users.facA.id)).status).toBe(200);
    expect((await world.users.facA.client.get(`/api/v1/banks/${world.banks.a1}/members`)).status).toBe(200);
  });

  test('only an active facilitator of the organisation takes a bank, and each refusal names its rule', async () => {
    const coordinator = await assign(world.banks.a1, world.users.coordA.id);
    expect(coordinator.status).toBe(422);
    expect(coordinator.body.error).toMatchObject({
      code: 'unprocessable',
      field: 'facilitatorId',
      rule: 'bank.facilitator_not_facilitator',
    });

    const unknown = await assign(world.banks.a1, randomUUID());
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({
      code: 'not_found',
      field: 'facilitatorId',
      rule: 'bank.facilitator_unknown',
    });

    expect((await api.admin.post(`/api/v1/users/${world.users.facB.id}/deactivate`)).status).toBe(200);
    const inactive = await assign(world.banks.a1, world.users.facB.id);
    expect(inactive.status).toBe(422);
    expect(inactive.body.error).toMatchObject({
      code: 'unprocessable',
      field: 'facilitatorId',
      rule: 'bank.facilitator_inactive',
    });
    expect((await api.admin.post(`/api/v1/users/${world.users.facB.id}/reactivate`)).status).toBe(200);

    const noBank = await assign(randomUUID(), world.users.facA.id);
    expect(noBank.status).toBe(404);
    expect(noBank.body.error).toMatchObject({ code: 'not_found', field: 'bankId' });
    // Nothing changed along the way.
    expect(
      (await api.admin.get('/api/v1/banks')).body.banks.find((b: { id: string }) => b.id === world.banks.a1)
        .facilitatorId,
    ).toBe(world.users.facA.id);
  });

  test('a bank code used twice is refused naming the rule and the code', async () => {
    const again = await api.admin.post('/api/v1/banks', {
      regionId: world.regions.a,
      code: 'BC-A1',
      name: 'Otro banco',
    });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'conflict', field: 'code', rule: 'bank.code_taken' });
  });
});
