import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sessionsOfManual } from '../../src/curriculum/resolve.ts';
import type { ApiClient } from '../support/api-client.ts';
import { sourceCurriculum } from '../support/built-site.ts';
import { databases, seedWorld, startApi, type World } from '../support/api-world.ts';

const ATTENDANCE_HEADER = ['bank_code', 'member_code', 'session_id', 'curriculum_version', 'delivered_on', 'present'];
const INDICATORS_HEADER = [
  'group',
  'code',
  'enrolled',
  'attendedAtLeastOne',
  'completed',
  'leadersTrained',
  'activities',
  'peopleReached',
];
const session = sessionsOfManual(sourceCurriculum(), 'genero-y-violencia').filter((s) => s.countsTowardCompletion)[0];

// Names a facilitator would type: none of them, nor any part of them, may leave in an export.
const bankA1 = [
  { code: 'W-001', name: 'Rosa Quispe Huamaní', present: true },
  { code: 'W-002', name: 'Señora Ccori Tito', present: true },
  { code: 'W-003', name: 'Juana Mamani Cóndor', present: false },
];
const bankB1 = Array.from({ length: 6 }, (_, i) => ({
  code: `H-00${i + 1}`,
  name: `Yolanda Huarcaya ${['Ayme', 'Pariona', 'Sulca', 'Llancari', 'Taipe', 'Ramos'][i]}`,
  present: true,
}));
const nameParts = [...bankA1, ...bankB1].flatMap((m) => m.name.split(' '));

const rowsOf = (text: string) => parse(text, { columns: true }) as Record<string, string>[];
const headerOf = (text: string) => (parse(text, { to_line: 1 }) as string[][])[0];

describe.each(databases)('CSV exports on %s', (kind) => {
  let api: Awaited<ReturnType<typeof startApi>>;
  let world: World;
  let adminId: string;

  async function rollCall(owner: ApiClient, bankId: string, people: typeof bankA1) {
    const roster = people.map((p) => ({
      id: randomUUID(),
      memberCode: p.code,
      displayName: p.name,
      enrolledOn: '2026-03-01',
    }));
    const saved = await owner.post(`/api/v1/banks/${bankId}/members`, { members: roster });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const batch = {
      delivery: { id: randomUUID(), bankId, sessionId: session!.id, deliveredOn: '2026-04-12' },
      records: roster.map((m, i) => ({ id: randomUUID(), memberId: m.id, present: people[i]!.present })),
    };
    const answer = await owner.post('/api/v1/attendance-batches', batch);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  }

  beforeAll(async () => {
    expect(session).toBeDefined();
    api = await startApi(kind, 'exports');
    world = await seedWorld(api.server.url, api.admin);
    adminId = (await api.admin.get('/api/v1/me')).body.user.id;
    await rollCall(world.users.facA.client, world.banks.a1, bankA1);
    await rollCall(world.users.facB.client, world.banks.b1, bankB1);
  });
  afterAll(() => api?.stop());

  const auditIds = async () => {
    const answer = await api.admin.get('/api/v1/audit?limit=500');
    expect(answer.status).toBe(200);
    return answer.body.entries as {
      id: string;
      actorId: string | null;
      action: string;
      detail: Record<string, unknown> | null;
    }[];
  };

  test('the attendance export, one row per woman per session, is the facilitator’s alone: codes, never a name; the admin and the coordinator are refused', async () => {
    const answer = await world.users.facA.client.get('/api/v1/exports/attendance.csv');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toContain('text/csv');
    expect(answer.headers.get('content-disposition')).toContain('attachment');
    for (const m of bankA1) expect(answer.text).toContain(m.code);
    for (const part of nameParts) expect(answer.text, `the export reveals "${part}"`).not.toContain(part);
    for (const [who, client] of [
      ['admin', api.admin],
      ['coordA', world.users.coordA.client],
    ] as const) {
      const refused = await client.get('/api/v1/exports/attendance.csv');
      expect(refused.status, who).toBe(403);
      expect(refused.body.error.code, who).toBe('forbidden');
      for (const m of [...bankA1, ...bankB1]) expect(refused.text, who).not.toContain(m.code);
    }
  });

  test('the attendance export parses as CSV with the documented header and one row per record of the facilitator’s banks', async () => {
    const facA = await world.users.facA.client.get('/api/v1/exports/attendance.csv');
    expect(headerOf(facA.text)).toEqual(ATTENDANCE_HEADER);
    expect(rowsOf(facA.text)).toEqual(
      bankA1.map((m) => ({
        bank_code: 'BC-A1',
        member_code: m.code,
        session_id: session!.id,
        curriculum_version: '1.1',
        delivered_on: '2026-04-12',
        present: m.present ? '1' : '0',
      })),
    );
    const facB = await world.users.facB.client.get('/api/v1/exports/attendance.csv');
    expect(rowsOf(facB.text).map((r) => r.member_code)).toEqual(bankB1.map((m) => m.code));
  });

  test('every export adds one audit entry naming who exported and how many rows', async () => {
    const exports = [
      {
        client: world.users.facA.client,
        actorId: world.users.facA.id,
        path: '/api/v1/exports/attendance.csv',
        action: 'export.attendance',
        rows: bankA1.length,
      },
      // Indicator rows: the three banks and the total for the admin; her one bank and the total for facA.
      {
        client: api.admin,
        actorId: adminId,
        path: '/api/v1/exports/indicators.csv?programmeId=imagen-peru',
        action: 'export.indicators',
        rows: 4,
      },
      {
        client: world.users.facA.client,
        actorId: world.users.facA.id,
        path: '/api/v1/exports/indicators.csv?programmeId=imagen-peru',
        action: 'export.indicators',
        rows: 2,
      },
    ];
    for (const e of exports) {
      const before = new Set((await auditIds()).map((entry) => entry.id));
      const answer = await e.client.get(e.path);
      expect(answer.status, e.path).toBe(200);
      const added = (await auditIds()).filter((entry) => !before.has(entry.id));
      expect(added, `${e.action} by ${e.actorId}`).toEqual([
        expect.objectContaining({
          action: e.action,
          actorId: e.actorId,
          detail: expect.objectContaining({ rows: e.rows }),
        }),
      ]);
    }
  });

  test('the indicators export hides whole units to the admin where a small count lives or could be worked out, and is exact for the bank’s facilitator', async () => {
    const admin = await api.admin.get('/api/v1/exports/indicators.csv?programmeId=imagen-peru');
    expect(admin.status).toBe(200);
    expect(headerOf(admin.text)).toEqual(INDICATORS_HEADER);
    const rows = rowsOf(admin.text).map((r) => [
      r.group,
      r.code,
      r.enrolled,
      r.attendedAtLeastOne,
      r.completed,
      r.leadersTrained,
    ]);
    expect(rows).toEqual([
      // A1: 3 women, 2 came. Hidden whole.
      ['bank', 'BC-A1', 'oculto', 'oculto', 'oculto', 'oculto'],
      ['bank', 'BC-A2', '0', '0', '0', '0'],
      // B1: 6 women, all came, none completed yet: no small count, shown.
      ['bank', 'BC-B1', '6', '6', '0', '0'],
      // The total would show 1 woman who never came (A1's third) and, minus B1, give A1 back.
      ['total', '', 'oculto', 'oculto', 'oculto', 'oculto'],
    ]);

    const facA = await world.users.facA.client.get('/api/v1/exports/indicators.csv?programmeId=imagen-peru');
    expect(facA.status).toBe(200);
    const facRows = rowsOf(facA.text);
    expect(facRows.map((r) => r.code)).toEqual(['BC-A1', '']);
    expect(facRows[0]).toMatchObject({ group: 'bank', enrolled: '3', attendedAtLeastOne: '2', completed: '0' });
    expect(facA.text).not.toContain('oculto');
  });

  test('an unknown programmeId is refused with a JSON 422 naming the field, and nothing is audited', async () => {
    const before = (await auditIds()).length;
    const answer = await api.admin.get('/api/v1/exports/indicators.csv?programmeId=no-existe');
    expect(answer.status).toBe(422);
    expect(answer.headers.get('content-type')).toContain('application/json');
    expect(answer.body.error).toMatchObject({ code: 'unprocessable', field: 'programmeId' });
    expect((await auditIds()).length).toBe(before);
  });
});
