import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { databases, members, seedWorld, startApi, type World } from '../support/api-world.ts';

const ROUNDS = 10;
const AT_ONCE = 8;

describe.each(databases)('duplicates and simultaneous resends on %s', (kind) => {
  let api: Awaited<ReturnType<typeof startApi>>;
  let world: World;
  let roster: ReturnType<typeof members>;
  let count: (sql: string, ...params: string[]) => Promise<number>;
  let close: () => Promise<void> = async () => {};

  beforeAll(async () => {
    api = await startApi(kind, 'resends');
    world = await seedWorld(api.server.url, api.admin);
    roster = members(30);
    expect(
      (await world.users.facA.client.post(`/api/v1/banks/${world.banks.a1}/members`, { members: roster })).status,
    ).toBe(200);
    // Counts read straight from the database, not through the API under test.
    if (api.databaseUrl) {
      const client = new pg.Client({ connectionString: api.databaseUrl });
      await client.connect();
      count = async (sql, ...params) =>
        Number(
          (
            await client.query(
              sql.replace(/\?/g, (_, i: number) => `$${sql.slice(0, i).split('?').length}`),
              params,
            )
          ).rows[0].n,
        );
      close = () => client.end();
    } else {
      const file = new DatabaseSync(join(api.server.dataDir, 'tejido.sqlite'), { readOnly: true });
      count = async (sql, ...params) => Number((file.prepare(sql).get(...params) as { n: number }).n);
      close = async () => file.close();
    }
  });
  afterAll(async () => {
    await close();
    await api?.stop();
  });

  // A meeting has one roll call: every new batch is another meeting (another day).
  let meetings = 0;
  const nextMeeting = () => new Date(Date.UTC(2026, 0, 1) + meetings++ * 86_400_000).toISOString().slice(0, 10);
  const batchOf = (memberIds: string[]) => ({
    delivery: {
      id: randomUUID(),
      bankId: world.banks.a1,
      sessionId: 'gv-espacio-de-confianza',
      deliveredOn: nextMeeting(),
    },
    records: memberIds.map((memberId, i) => ({ id: randomUUID(), memberId, present: i % 2 === 0 })),
  });

  test('a record id twice in one batch is a 422 naming the second row, and nothing is stored', async () => {
    const batch = batchOf(roster.slice(0, 4).map((m) => m.id));
    batch.records[3]!.id = batch.records[1]!.id;
    const answer = await world.users.facA.client.post('/api/v1/attendance-batches', batch);
    expect(answer.status).toBe(422);
    expect(answer.body.error).toMatchObject({ code: 'invalid_rows', field: 'records[3].id' });
    expect(answer.body.error.rows).toEqual([
      {
        row: 3,
        field: 'id',
        message: `record ${batch.records[1]!.id} is also in row 1`,
        rule: 'attendance.record_repeated',
        params: { other: 2 },
      },
    ]);
    expect(await count('select count(*) as n from deliveries where id = ?', batch.delivery.id)).toBe(0);
  });

  test('a member twice in one batch is a 422 naming the second row', async () => {
    const batch = batchOf([roster[0]!.id, roster[1]!.id, roster[0]!.id]);
    const answer = await world.users.facA.client.post('/api/v1/attendance-batches', batch);
    expect(answer.status).toBe(422);
    expect(answer.body.error.rows).toEqual([
      {
        row: 2,
        field: 'memberId',
        message: `member ${roster[0]!.id} is also in row 0`,
        rule: 'attendance.member_repeated',
        params: { other: 1 },
      },
    ]);
  });

  test('a participant id, or a member, twice in one workshop list is a 422 naming the row', async () => {
    const workshopId = randomUUID();
    expect(
      (
        await world.users.coordA.client.post('/api/v1/workshops', {
          id: workshopId,
          regionId: world.regions.a,
          title: 'Taller',
          startsOn: '2026-05-04',
          days: 3,
        })
      ).status,
    ).toBe(200);
    const id = randomUUID();
    const sameId = await world.users.facA.client.post(`/api/v1/workshops/${workshopId}/participants`, {
      participants: [
        { id, memberId: roster[0]!.id, daysAttended: 3 },
        { id, memberId: roster[1]!.id, daysAttended: 3 },
      ],
    });
    expect(sameId.status).toBe(422);
    expect(sameId.body.error).toMatchObject({
      code: 'invalid_rows',
      field: 'participants[1].id',
      rows: [{ row: 1, field: 'id', message: `record ${id} is also in row 0`, rule: 'workshop.record_repeated' }],
    });
    const sameMember = await world.users.facA.client.post(`/api/v1/workshops/${workshopId}/participants`, {
      participants: [
        { id: randomUUID(), memberId: roster[2]!.id, daysAttended: 3 },
        { id: randomUUID(), memberId: roster[2]!.id, daysAttended: 1 },
      ],
    });
    expect(sameMember.status).toBe(422);
    expect(sameMember.body.error.field).toBe('participants[1].memberId');
    expect(await count('select count(*) as n from workshop_participants where workshop_id = ?', workshopId)).toBe(0);
  });

  test(`${AT_ONCE} identical attendance batches at once, ${ROUNDS} times: all 200, created exactly once, one stored copy`, async () => {
    const batches = Array.from({ length: ROUNDS }, () => batchOf(roster.map((m) => m.id)));
    const rounds = [];
    for (const batch of batches)
      rounds.push(
        await Promise.all(
          Array.from({ length: AT_ONCE }, () => world.users.facA.client.post('/api/v1/attendance-batches', batch)),
        ),
      );
    for (const [i, answers] of rounds.entries()) {
      expect(answers.map((a) => a.status)).toEqual(Array(AT_ONCE).fill(200));
      expect(answers.filter((a) => a.body.delivery.status === 'created')).toHaveLength(1);
      expect(answers.map((a) => a.body.records.created).sort((x, y) => y - x)).toEqual([
        30,
        ...Array(AT_ONCE - 1).fill(0),
      ]);
      expect(await count('select count(*) as n from deliveries where id = ?', batches[i]!.delivery.id)).toBe(1);
      expect(await count('select count(*) as n from attendance where delivery_id = ?', batches[i]!.delivery.id)).toBe(
        30,
      );
    }
  });

  test(`${AT_ONCE} identical member lists, activities, workshops and participant lists at once, ${ROUNDS} times: never a 500, one stored copy`, async () => {
    const facA = world.users.facA.client;
    const coordA = world.users.coordA.client;
    for (let round = 0; round < ROUNDS; round++) {
      const newMembers = members(5, `R${round}`);
      const activity = {
        id: randomUUID(),
        bankId: world.banks.a1,
        heldOn: '2026-05-01',
        place: 'Plaza',
        activityType: 'feria',
        reached: { women: 4, men: 1, girls: 0, boys: 0 },
      };
      const workshop = {
        id: randomUUID(),
        regionId: world.regions.a,
        title: 'Taller',
        startsOn: '2026-05-04',
        days: 2,
      };
      const participants = {
        participants: roster.slice(0, 6).map((m) => ({ id: randomUUID(), memberId: m.id, daysAttended: 2 })),
      };
      const csv = `member_code,display_name,enrolled_on\n${[1, 2, 3].map((i) => `CSV${round}-${i},Socia ${i},2026-03-01`).join('\n')}\n`;
      const [memberAnswers, activityAnswers, workshopAnswers, csvAnswers] = await Promise.all([
        Promise.all(
          Array.from({ length: AT_ONCE }, () =>
            facA.post(`/api/v1/banks/${world.banks.a1}/members`, { members: newMembers }),
          ),
        ),
        Promise.all(Array.from({ length: AT_ONCE }, () => facA.post('/api/v1/activities', activity))),
        Promise.all(Array.from({ length: AT_ONCE }, () => coordA.post('/api/v1/workshops', workshop))),
        Promise.all(
          Array.from({ length: AT_ONCE }, () =>
            facA.request('POST', `/api/v1/banks/${world.banks.a1}/members.csv`, { text: csv, contentType: 'text/csv' }),
          ),
        ),
      ]);
      const participantAnswers = await Promise.all(
        Array.from({ length: AT_ONCE }, () => facA.post(`/api/v1/workshops/${workshop.id}/participants`, participants)),
      );
      for (const answers of [memberAnswers, activityAnswers, workshopAnswers, csvAnswers, participantAnswers])
        expect(answers.map((a) => a.status)).toEqual(Array(AT_ONCE).fill(200));
      expect(memberAnswers.map((a) => a.body.created).sort()).toEqual([...Array(AT_ONCE - 1).fill(0), 5]);
      expect(csvAnswers.map((a) => a.body.created).sort()).toEqual([...Array(AT_ONCE - 1).fill(0), 3]);
      expect(participantAnswers.map((a) => a.body.created).sort()).toEqual([...Array(AT_ONCE - 1).fill(0), 6]);
      expect(activityAnswers.filter((a) => a.body.status === 'created')).toHaveLength(1);
      expect(workshopAnswers.filter((a) => a.body.status === 'created')).toHaveLength(1);
      expect(await count('select count(*) as n from members where member_code like ?', `R${round}-%`)).toBe(5);
      expect(await count('select count(*) as n from members where member_code like ?', `CSV${round}-%`)).toBe(3);
      expect(await count('select count(*) as n from activities where id = ?', activity.id)).toBe(1);
      expect(await count('select count(*) as n from workshops where id = ?', workshop.id)).toBe(1);
      expect(await count('select count(*) as n from workshop_participants where workshop_id = ?', workshop.id)).toBe(6);
    }
    expect(api.server.output()).not.toContain('[api] request');
  });

  test('the same region sent 8 times at once is created once; the others get 409, not 500', async () => {
    const region = { id: randomUUID(), code: 'CON', name: 'Concurrente' };
    const answers = await Promise.all(Array.from({ length: AT_ONCE }, () => api.admin.post('/api/v1/regions', region)));
    expect(answers.map((a) => a.status).sort()).toEqual([201, ...Array(AT_ONCE - 1).fill(409)]);
    expect(await count('select count(*) as n from regions where id = ?', region.id)).toBe(1);
  });
});
