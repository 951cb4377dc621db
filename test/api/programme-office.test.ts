import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { databases, members, seedWorld, startApi, type World } from '../support/api-world.ts';

/**
 * What the programme office (issue 19) added to the API: a workshop's place, setting the days each
 * woman attended (PATCH …/participants) so a form saved twice corrects rather than duplicates, the
 * named refusal of an activity dated after today, and a CSV named after what it holds.
 */
describe.each(databases)('the programme office’s API on %s', (kind) => {
  let api: Awaited<ReturnType<typeof startApi>>;
  let world: World;
  const a1 = members(6, 'W');

  beforeAll(async () => {
    api = await startApi(kind, 'programme_office');
    world = await seedWorld(api.server.url, api.admin);
    expect(
      (await world.users.facA.client.post(`/api/v1/banks/${world.banks.a1}/members`, { members: a1 })).status,
    ).toBe(200);
  });
  afterAll(() => api?.stop());

  const workshopOf = async (id: string) =>
    ((await world.users.facA.client.get('/api/v1/workshops')).body.workshops as Record<string, unknown>[]).find(
      (w) => w.id === id,
    );

  test('a workshop keeps its place; one recorded without a place lists it as null; a resend with another place is a conflict', async () => {
    const coord = world.users.coordA.client;
    const id = randomUUID();
    const workshop = {
      id,
      regionId: world.regions.a,
      title: 'Taller de lideresas 1',
      startsOn: '2026-06-01',
      days: 3,
      place: 'Local comunal de Huanta',
    };
    expect((await coord.post('/api/v1/workshops', workshop)).body).toEqual({ status: 'created' });
    expect((await coord.post('/api/v1/workshops', workshop)).body).toEqual({ status: 'unchanged' });
    const other = await coord.post('/api/v1/workshops', { ...workshop, place: 'Plaza de armas' });
    expect(other.status).toBe(409);
    expect(await workshopOf(id)).toMatchObject({ place: 'Local comunal de Huanta', days: 3 });

    const bare = randomUUID();
    expect((await coord.post('/api/v1/workshops', { ...workshop, id: bare, place: undefined })).status).toBe(200);
    expect(
      (await coord.get('/api/v1/workshops')).body.workshops.find((w: { id: string }) => w.id === bare),
    ).toMatchObject({ place: null });
    const blank = await coord.post('/api/v1/workshops', { ...workshop, id: randomUUID(), place: '  ' });
    expect(blank.body.error).toMatchObject({ code: 'invalid_request', field: 'place' });
  });

  test('setting days twice corrects the record instead of adding one; 0 takes a woman off; the answer is only the number of rows sent', async () => {
    const id = randomUUID();
    expect(
      (
        await api.admin.post('/api/v1/workshops', {
          id,
          regionId: world.regions.a,
          title: 'Taller 2',
          startsOn: '2026-07-01',
          days: 3,
        })
      ).status,
    ).toBe(200);
    const path = `/api/v1/workshops/${id}/participants`;
    const set = (client: typeof api.admin, days: number[]) =>
      client.request('PATCH', path, {
        json: { participants: days.map((d, i) => ({ memberId: a1[i]!.id, daysAttended: d })) },
      });

    expect((await set(api.admin, [3, 1, 0])).body).toEqual({ saved: 3 });
    expect(await workshopOf(id)).toMatchObject({ participants: 2, trained: 1 });
    // The same form again, corrected: the same two records, one more trained.
    const corrected = await set(api.admin, [3, 3, 0]);
    expect(corrected.body).toEqual({ saved: 3 });
    expect(await workshopOf(id)).toMatchObject({ participants: 2, trained: 2 });
    // Sent again unchanged, the answer is the same as for a change: it says nothing of what was stored.
    expect((await set(api.admin, [3, 3, 0])).body).toEqual(corrected.body);
    // Her own facilitator corrects: 0 takes the first woman off.
    expect((await set(world.users.facA.client, [0])).body).toEqual({ saved: 1 });
    expect(await workshopOf(id)).toMatchObject({ participants: 1, trained: 1 });
    const facilitator = await world.users.facA.client.get(
      `/api/v1/indicators?programmeId=imagen-peru&bankId=${world.banks.a1}`,
    );
    expect(facilitator.body.total.leadersTrained).toBe(1);
    // The audit log says how many rows, never the days.
    const entries = (await api.admin.get('/api/v1/audit?limit=50')).body.entries as {
      action: string;
      entityId: string;
      detail: Record<string, unknown>;
    }[];
    expect(
      entries.filter((e) => e.action === 'workshop.participants.set' && e.entityId === id).map((e) => e.detail),
    ).toEqual([{ rows: 1 }, { rows: 3 }, { rows: 3 }, { rows: 3 }]);
  });

  test('each refusal names its rule and its row; nothing of the request is saved', async () => {
    const id = randomUUID();
    expect(
      (
        await api.admin.post('/api/v1/workshops', {
          id,
          regionId: world.regions.a,
          title: 'Taller 3',
          startsOn: '2026-08-01',
          days: 2,
        })
      ).status,
    ).toBe(200);
    const path = `/api/v1/workshops/${id}/participants`;
    const over = await api.admin.request('PATCH', path, {
      json: {
        participants: [
          { memberId: a1[0]!.id, daysAttended: 2 },
          { memberId: a1[1]!.id, daysAttended: 3 },
        ],
      },
    });
    expect(over.status).toBe(422);
    expect(over.body.error).toMatchObject({
      code: 'invalid_rows',
      field: 'participants[1].daysAttended',
      rows: [{ row: 1, field: 'daysAttended', rule: 'workshop.days_over', params: { days: 2 } }],
    });
    expect(await workshopOf(id)).toMatchObject({ participants: 0 });
    const twice = await api.admin.request('PATCH', path, {
      json: {
        participants: [
          { memberId: a1[0]!.id, daysAttended: 2 },
          { memberId: a1[0]!.id, daysAttended: 1 },
        ],
      },
    });
    expect(twice.body.error.rows).toEqual([expect.objectContaining({ row: 1, rule: 'workshop.member_repeated' })]);
    const notHers = await world.users.facA2.client.request('PATCH', path, {
      json: { participants: [{ memberId: a1[0]!.id, daysAttended: 1 }] },
    });
    expect(notHers.body.error.rows).toEqual([
      expect.objectContaining({ row: 0, field: 'memberId', rule: 'workshop.member_not_yours' }),
    ]);
    const nowhere = await api.admin.request('PATCH', path, {
      json: { participants: [{ memberId: randomUUID(), daysAttended: 1 }] },
    });
    expect(nowhere.body.error.rows).toEqual([
      expect.objectContaining({ row: 0, field: 'memberId', rule: 'workshop.member_outside_region' }),
    ]);
    expect(
      (
        await world.users.coordA.client.request('PATCH', path, {
          json: { participants: [{ memberId: a1[0]!.id, daysAttended: 1 }] },
        })
      ).status,
    ).toBe(403);
    expect(await workshopOf(id)).toMatchObject({ participants: 0 });
  });

  test('an activity dated after today is refused by its named rule; today is accepted', async () => {
    const after = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const activity = (heldOn: string) => ({
      id: randomUUID(),
      bankId: world.banks.a1,
      heldOn,
      place: 'Plaza',
      activityType: 'feria',
      reached: { women: 5, men: 5, girls: 0, boys: 0 },
    });
    const refused = await world.users.facA.client.post('/api/v1/activities', activity(after));
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({
      code: 'unprocessable',
      field: 'heldOn',
      rule: 'activity.held_after_today',
    });
    const listed = (await world.users.facA.client.get('/api/v1/activities')).body.activities as { heldOn: string }[];
    expect(listed.some((a) => a.heldOn === after)).toBe(false);
    expect(
      (await world.users.facA.client.post('/api/v1/activities', activity(new Date().toISOString().slice(0, 10))))
        .status,
    ).toBe(200);
  });

  test('the indicators CSV is named after its programme, grouping and day', async () => {
    const csv = await api.admin.get('/api/v1/exports/indicators.csv?programmeId=imagen-peru&groupBy=region');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toBe(
      `attachment; filename="indicators-imagen-peru-by-region-${new Date().toISOString().slice(0, 10)}.csv"`,
    );
    expect(csv.text.split('\n')[0]).toBe(
      'group,code,enrolled,attendedAtLeastOne,completed,leadersTrained,activities,peopleReached',
    );
  });
});
