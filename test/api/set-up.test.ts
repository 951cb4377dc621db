import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { databases, startApi } from '../support/api-world.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

// Issue 19: nobody should have to invent a UUID to set up an organisation.
describe.each(databases)('setting up regions and banks on %s', (kind) => {
  let api: Awaited<ReturnType<typeof startApi>>;
  beforeAll(async () => {
    api = await startApi(kind, 'setup');
  });
  afterAll(() => api?.stop());

  test('a region and a bank posted without an id get one made by the server, and are listed with it', async () => {
    const region = await api.admin.post('/api/v1/regions', { code: 'APU', name: 'Apurímac' });
    expect(region.status, JSON.stringify(region.body)).toBe(201);
    expect(region.body.region).toEqual({ id: expect.stringMatching(UUID), code: 'APU', name: 'Apurímac' });
    const bank = await api.admin.post('/api/v1/banks', {
      regionId: region.body.region.id,
      code: 'BC-APU-1',
      name: 'Banco Chaska',
    });
    expect(bank.status, JSON.stringify(bank.body)).toBe(201);
    expect(bank.body.bank).toEqual({
      id: expect.stringMatching(UUID),
      regionId: region.body.region.id,
      code: 'BC-APU-1',
      name: 'Banco Chaska',
      facilitatorId: null,
    });
    expect((await api.admin.get('/api/v1/regions')).body.regions).toContainEqual(region.body.region);
    expect((await api.admin.get('/api/v1/banks')).body.banks).toContainEqual(bank.body.bank);
  });

  test('a facilitator given a region is told that her region comes from her banks, not silently stored without it', async () => {
    const region = (await api.admin.get('/api/v1/regions')).body.regions[0];
    const answer = await api.admin.post('/api/v1/users', {
      email: 'nueva@tejido.test',
      displayName: 'Nueva',
      role: 'facilitator',
      regionId: region.id,
      password: 'una-clave-muy-larga-2026',
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 'invalid_request', field: 'regionId' });
    expect((await api.admin.get('/api/v1/users')).body.users.map((u: { email: string }) => u.email)).not.toContain(
      'nueva@tejido.test',
    );
  });

  test('sent again without an id, the same code is a conflict naming the code, not a second region', async () => {
    expect((await api.admin.post('/api/v1/regions', { code: 'CUS', name: 'Cusco' })).status).toBe(201);
    const again = await api.admin.post('/api/v1/regions', { code: 'CUS', name: 'Cusco' });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'conflict', field: 'code' });
    expect(
      (await api.admin.get('/api/v1/regions')).body.regions.filter((r: { code: string }) => r.code === 'CUS'),
    ).toHaveLength(1);
  });
});
