import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ApiClient } from '../support/api-client.ts';
import { databases, members, seedWorld, startApi, type World } from '../support/api-world.ts';

/**
 * One roll call per meeting, corrections as versions, and the admin's reopening, on the real
 * server and database. The correction window is the organisation's default (14 days), so a
 * meeting 5 days ago is open and one 20 days ago is closed: no clock needs to be moved.
 */
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
/** Fields that say who came or how many: none may reach the admin. */
const headCountKeys = ['present', 'absent', 'attendance', 'marks', 'memberId', 'memberCode', 'changed', 'records'];
const keysIn = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.flatMap(keysIn)
    : value && typeof value === 'object'
      ? Object.entries(value).flatMap(([k, v]) => [k, ...keysIn(v)])
      : [];

describe.each(databases)('roll calls: one per meeting, corrections, reopening, on %s', (kind) => {
  let api: Awaited<ReturnType<typeof startApi>>;
  let world: World;
  let roster: ReturnType<typeof members>;
  let facA: ApiClient;
  let sessionTurn = 0;
  const sessions = ['gv-espacio-de-confianza', 'gv-violencia-no-es-normal'];

  beforeAll(async () => {
    api = await startApi(kind, 'rollcalls');
    world = await seedWorld(api.server.url, api.admin);
    roster = members(10);
    facA = world.users.facA.client;
    expect((await facA.post(`/api/v1/banks/${world.banks.a1}/members`, { members: roster })).status).toBe(200);
  });
  afterAll(() => api?.stop());

  /** A roll call of a1 (the first four women present), on a date no other test uses for that session. */
  async function rollCall(deliveredOn: string, id = randomUUID()) {
    const batch = {
      delivery: { id, bankId: world.banks.a1, sessionId: sessions[sessionTurn++ % 2] as string, deliveredOn },
      records: roster.map((m, i) => ({ id: randomUUID(), memberId: m.id, present: i < 4 })),
    };
    const answer = await facA.post('/api/v1/attendance-batches', batch);
    expect(answer.status, answer.text).toBe(200);
    return batch;
  }
  const correct = (
    client: ApiClient,
    deliveryId: string,
    body: { id?: string; basedOn: number; records: { memberId: string; present: boolean }[] },
  ) => client.post(`/api/v1/deliveries/${deliveryId}/corrections`, { id: randomUUID(), ...body });
  const marksOf = async (deliveryId: string) => {
    const read = await facA.get(`/api/v1/deliveries/${deliveryId}/attendance`);
    expect(read.status).toBe(200);
    return {
      delivery: read.body.delivery,
      present: new Set(
        (read.body.attendance as { memberId: string; present: boolean }[])
          .filter((r) => r.present)
          .map((r) => r.memberId),
      ),
    };
  };

  test('a second roll call of the same bank, session and date is a 409 naming the stored one; nothing of it is stored', async () => {
    const first = await rollCall(daysAgo(40));
    const second = { ...structuredClone(first), delivery: { ...first.delivery, id: randomUUID() } };
    second.records = second.records.map((r) => ({ ...r, id: randomUUID(), present: true }));
    const answer = await facA.post('/api/v1/attendance-batches', second);
    expect(answer.status).toBe(409);
    expect(answer.body.error).toMatchObject({
      code: 'conflict',
      rule: 'delivery.same_meeting',
      storedId: first.delivery.id,
      field: 'delivery.id',
    });
    expect((await facA.get(`/api/v1/deliveries/${second.delivery.id}/attendance`)).status).toBe(404);
    // The stored one is unchanged, and resending it is still fine.
    expect((await marksOf(first.delivery.id)).present.size).toBe(4);
    expect((await facA.post('/api/v1/attendance-batches', first)).body.delivery).toMatchObject({
      status: 'unchanged',
      version: 1,
    });
  });

  test('two phones racing with different ids for one meeting, 6 times: one roll call is stored, the other phone gets 409 with its id', async () => {
    for (let round = 0; round < 6; round++) {
      const deliveredOn = daysAgo(100 + round);
      const batches = [0, 1, 2, 3].map(() => ({
        delivery: { id: randomUUID(), bankId: world.banks.a1, sessionId: 'gv-espacio-de-confianza', deliveredOn },
        records: roster.map((m) => ({ id: randomUUID(), memberId: m.id, present: true })),
      }));
      const answers = await Promise.all(batches.map((b) => facA.post('/api/v1/attendance-batches', b)));
      const won = answers.flatMap((a, i) => (a.status === 200 ? [batches[i]!.delivery.id] : []));
      expect(won, answers.map((a) => a.text).join('\n')).toHaveLength(1);
      for (const a of answers.filter((x) => x.status !== 200))
        expect({ status: a.status, rule: a.body.error.rule, storedId: a.body.error.storedId }).toEqual({
          status: 409,
          rule: 'delivery.same_meeting',
          storedId: won[0],
        });
      const listed = (await facA.get(`/api/v1/banks/${world.banks.a1}/deliveries`)).body.deliveries.filter(
        (d: { deliveredOn: string; sessionId: string }) =>
          d.deliveredOn === deliveredOn && d.sessionId === 'gv-espacio-de-confianza',
      );
      expect(listed).toEqual([expect.objectContaining({ id: won[0], present: roster.length, absent: 0 })]);
    }
    expect(api.server.output()).not.toContain('[api] request');
  });

  test('a correction within the window is a new version; both versions are readable; the audit log has both saves, counts only', async () => {
    const batch = await rollCall(daysAgo(5));
    const id = batch.delivery.id;
    const before = await marksOf(id);
    expect(before.delivery).toMatchObject({
      id,
      version: 1,
      correctable: true,
      correctableUntil: new Date(Date.parse(`${batch.delivery.deliveredOn}T00:00:00Z`) + 14 * 86_400_000)
        .toISOString()
        .slice(0, 10),
    });

    const correctionId = randomUUID();
    const body = {
      id: correctionId,
      basedOn: 1,
      records: [
        { memberId: roster[0]!.id, present: false },
        { memberId: roster[7]!.id, present: true },
        { memberId: roster[1]!.id, present: true },
      ],
    };
    const answer = await correct(facA, id, body);
    expect(answer.status, answer.text).toBe(200);
    expect(answer.body).toEqual({
      status: 'created',
      delivery: { id, version: 2, correctableUntil: before.delivery.correctableUntil },
      changed: 2,
    });

    const after = await marksOf(id);
    expect(after.delivery.version).toBe(2);
    expect([...after.present].sort()).toEqual([roster[1]!.id, roster[2]!.id, roster[3]!.id, roster[7]!.id].sort());
    const listed = (await facA.get(`/api/v1/banks/${world.banks.a1}/deliveries`)).body.deliveries.find(
      (d: { id: string }) => d.id === id,
    );
    expect(listed).toMatchObject({ version: 2, present: 4, absent: 6, correctable: true });

    const versions = (await facA.get(`/api/v1/deliveries/${id}/versions`)).body.versions as {
      version: number;
      basedOn: number | null;
      recordedBy: string;
      changed: number;
      marks: { memberId: string; present: boolean }[];
    }[];
    expect(versions.map((v) => [v.version, v.basedOn, v.recordedBy, v.changed])).toEqual([
      [1, null, world.users.facA.id, 0],
      [2, 1, world.users.facA.id, 2],
    ]);
    const presentIn = (v: number) =>
      versions[v - 1]!.marks.filter((m) => m.present)
        .map((m) => m.memberId)
        .sort();
    expect(presentIn(1)).toEqual(
      roster
        .slice(0, 4)
        .map((m) => m.id)
        .sort(),
    );
    expect(presentIn(2)).toEqual([...after.present].sort());

    // The same correction again (its answer was lost on a bad line): unchanged, no third version.
    const resent = await correct(facA, id, body);
    expect(resent.body).toEqual({
      status: 'unchanged',
      delivery: { id, version: 2, correctableUntil: before.delivery.correctableUntil },
      changed: 2,
    });
    expect((await facA.get(`/api/v1/deliveries/${id}/versions`)).body.versions).toHaveLength(2);
    // The same id with other marks is not a resend.
    const reused = await correct(facA, id, { ...body, records: [{ memberId: roster[5]!.id, present: true }] });
    expect(reused.status).toBe(409);
    expect(reused.body.error.rule).toBe('delivery.correction_id_reused');

    const log = (await api.admin.get('/api/v1/audit?limit=500')).body.entries as {
      action: string;
      entityId: string;
      detail: Record<string, unknown>;
    }[];
    const saves = log.filter((e) => e.entityId === id).map((e) => [e.action, e.detail]);
    expect(saves).toEqual([
      ['attendance.correct', { version: 2, basedOn: 1, changed: 2 }],
      ['attendance.save', { created: roster.length, unchanged: 0 }],
    ]);
    // No member's id reaches the log.
    expect(roster.filter((m) => JSON.stringify(log).includes(m.id))).toEqual([]);
  });

  test('a correction based on an old version is a 409 naming the current one; the first batch resent is still unchanged', async () => {
    const batch = await rollCall(daysAgo(6));
    const id = batch.delivery.id;
    expect(
      (await correct(facA, id, { basedOn: 1, records: [{ memberId: roster[9]!.id, present: true }] })).status,
    ).toBe(200);
    const stale = await correct(facA, id, { basedOn: 1, records: [{ memberId: roster[8]!.id, present: true }] });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({
      code: 'conflict',
      rule: 'delivery.version_changed',
      version: 2,
      field: 'basedOn',
    });
    expect((await marksOf(id)).present.has(roster[8]!.id)).toBe(false);

    // A phone that resends its first batch late does not undo the correction.
    const late = await facA.post('/api/v1/attendance-batches', batch);
    expect(late.status).toBe(200);
    expect(late.body).toMatchObject({ delivery: { status: 'unchanged', version: 2 }, records: { created: 0 } });
    expect((await marksOf(id)).present.has(roster[9]!.id)).toBe(true);
    // The first batch with other marks is refused: the roll call has moved on.
    const changed = { ...batch, records: batch.records.map((r, i) => (i === 0 ? { ...r, present: false } : r)) };
    expect((await facA.post('/api/v1/attendance-batches', changed)).body.error).toMatchObject({
      code: 'conflict',
      rule: 'delivery.version_changed',
    });
    // A correction that changes nothing is refused, naming why.
    const none = await correct(facA, id, { basedOn: 2, records: [{ memberId: roster[9]!.id, present: true }] });
    expect({ status: none.status, rule: none.body.error.rule }).toEqual({ status: 422, rule: 'delivery.no_change' });
  });

  test('two corrections of one version at the same moment: one becomes the next version, the other is told; the same correction sent 6 times at once is saved once', async () => {
    for (let round = 0; round < 4; round++) {
      const { delivery } = await rollCall(daysAgo(7 + round));
      const rivals = await Promise.all(
        [4, 5, 6].map((i) =>
          correct(facA, delivery.id, { basedOn: 1, records: [{ memberId: roster[i]!.id, present: true }] }),
        ),
      );
      expect(rivals.map((a) => a.status).sort()).toEqual([200, 409, 409]);
      for (const a of rivals.filter((x) => x.status === 409))
        expect(a.body.error.rule).toBe('delivery.version_changed');
      const body = { id: randomUUID(), basedOn: 2, records: [{ memberId: roster[0]!.id, present: false }] };
      const resends = await Promise.all(Array.from({ length: 6 }, () => correct(facA, delivery.id, body)));
      expect(resends.map((a) => a.status)).toEqual(Array(6).fill(200));
      expect(resends.filter((a) => a.body.status === 'created')).toHaveLength(1);
      expect(
        (await facA.get(`/api/v1/deliveries/${delivery.id}/versions`)).body.versions.map(
          (v: { version: number }) => v.version,
        ),
      ).toEqual([1, 2, 3]);
    }
    expect(api.server.output()).not.toContain('[api] request');
  });

  test('after the window a correction is refused until the admin reopens that roll call; then its facilitator alone may correct it', async () => {
    const { delivery } = await rollCall(daysAgo(20));
    const other = await rollCall(daysAgo(21));
    const change = { basedOn: 1, records: [{ memberId: roster[5]!.id, present: true }] };
    const closed = await correct(facA, delivery.id, change);
    expect(closed.status).toBe(422);
    expect(closed.body.error).toMatchObject({
      code: 'unprocessable',
      rule: 'delivery.correction_window_closed',
      correctableUntil: new Date(Date.parse(`${delivery.deliveredOn}T00:00:00Z`) + 14 * 86_400_000)
        .toISOString()
        .slice(0, 10),
    });
    expect((await marksOf(delivery.id)).delivery).toMatchObject({ version: 1, correctable: false });

    const adminList = await api.admin.get(`/api/v1/banks/${world.banks.a1}/deliveries`);
    expect(adminList.body.deliveries.find((d: { id: string }) => d.id === delivery.id)).toEqual({
      id: delivery.id,
      bankId: world.banks.a1,
      sessionId: delivery.sessionId,
      curriculumVersion: expect.any(String),
      deliveredOn: delivery.deliveredOn,
      correctableUntil: expect.any(String),
      correctable: false,
    });

    const reopened = await api.admin.post(`/api/v1/deliveries/${delivery.id}/reopen`);
    expect(reopened.status, reopened.text).toBe(200);
    const newUntil = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    expect(reopened.body).toEqual({
      delivery: {
        id: delivery.id,
        bankId: world.banks.a1,
        sessionId: delivery.sessionId,
        deliveredOn: delivery.deliveredOn,
        correctableUntil: newUntil,
      },
    });

    // Only that roll call was reopened.
    expect((await correct(facA, other.delivery.id, change)).body.error.rule).toBe('delivery.correction_window_closed');
    // Not another facilitator (it is not her bank: as if it did not exist), not the coordinator, not the admin.
    expect((await correct(world.users.facA2.client, delivery.id, change)).status).toBe(404);
    expect((await correct(world.users.facB.client, delivery.id, change)).status).toBe(404);
    expect((await correct(world.users.coordA.client, delivery.id, change)).status).toBe(403);
    expect((await correct(api.admin, delivery.id, change)).status).toBe(403);
    // Nor may anyone but the admin reopen.
    expect((await facA.post(`/api/v1/deliveries/${delivery.id}/reopen`)).status).toBe(403);
    expect((await world.users.coordA.client.post(`/api/v1/deliveries/${delivery.id}/reopen`)).status).toBe(403);

    const corrected = await correct(facA, delivery.id, change);
    expect(corrected.status, corrected.text).toBe(200);
    expect(corrected.body.delivery).toEqual({ id: delivery.id, version: 2, correctableUntil: newUntil });
    expect((await marksOf(delivery.id)).delivery).toMatchObject({
      version: 2,
      correctable: true,
      correctableUntil: newUntil,
    });

    const log = (await api.admin.get('/api/v1/audit?limit=500')).body.entries as {
      action: string;
      entityId: string;
      actorId: string;
      detail: Record<string, unknown>;
    }[];
    expect(log.find((e) => e.action === 'attendance.reopen' && e.entityId === delivery.id)).toMatchObject({
      actorId: expect.any(String),
      detail: { correctableUntil: newUntil, days: 14 },
    });
  });

  test('nothing the admin can read about roll calls holds a head count or a member', async () => {
    const { delivery } = await rollCall(daysAgo(30));
    const answers = [
      await api.admin.post(`/api/v1/deliveries/${delivery.id}/reopen`),
      await api.admin.get(`/api/v1/banks/${world.banks.a1}/deliveries`),
      await api.admin.get('/api/v1/audit?limit=500'),
      await api.admin.get(`/api/v1/deliveries/${delivery.id}/attendance`),
      await api.admin.get(`/api/v1/deliveries/${delivery.id}/versions`),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 403, 403]);
    for (const answer of answers.slice(0, 2))
      expect(keysIn(answer.body).filter((k) => headCountKeys.includes(k) || k === 'version')).toEqual([]);
    // The log's entries about roll calls carry how many rows a save wrote or a correction changed, never who came.
    const rollCallEntries = (answers[2]!.body.entries as { entity: string | null; detail: unknown }[]).filter(
      (e) => e.entity === 'delivery',
    );
    expect(rollCallEntries.length).toBeGreaterThan(5);
    expect(
      keysIn(rollCallEntries.map((e) => e.detail)).filter((k) =>
        ['present', 'absent', 'memberId', 'marks'].includes(k),
      ),
    ).toEqual([]);
    for (const answer of answers)
      expect(roster.filter((m) => answer.text.includes(m.id) || answer.text.includes(m.memberCode))).toEqual([]);
  });

  test('a meeting dated after today is still refused, naming the rule', async () => {
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const answer = await facA.post('/api/v1/attendance-batches', {
      delivery: { id: randomUUID(), bankId: world.banks.a1, sessionId: sessions[0], deliveredOn: tomorrow },
      records: [{ id: randomUUID(), memberId: roster[0]!.id, present: true }],
    });
    expect(answer.status).toBe(422);
    expect(answer.body.error).toMatchObject({ field: 'delivery.deliveredOn', rule: 'delivery.future_date' });
  });
});
