import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { nameBasedUuid } from '../../src/attendance/ids.ts';
import { databases, seedWorld, startApi, type World } from '../support/api-world.ts';

const HEADER = 'member_code,display_name,enrolled_on';
const csv = (...lines: string[]) => [HEADER, ...lines].join('\n') + '\n';

interface StoredMember {
  id: string;
  memberCode: string;
  displayName?: string;
  enrolledOn: string;
  withdrawnOn: string | null;
}

describe.each(databases)('importing a roster CSV on %s', (kind) => {
  let api: Awaited<ReturnType<typeof startApi>>;
  let world: World;

  beforeAll(async () => {
    api = await startApi(kind, 'roster');
    world = await seedWorld(api.server.url, api.admin);
  });
  afterAll(() => api?.stop());

  const importCsv = (text: string) =>
    world.users.facA.client.request('POST', `/api/v1/banks/${world.banks.a1}/members.csv`, {
      text,
      contentType: 'text/csv',
    });
  const roster = async (): Promise<StoredMember[]> => {
    const answer = await world.users.facA.client.get(`/api/v1/banks/${world.banks.a1}/members`);
    expect(answer.status).toBe(200);
    return answer.body.members;
  };
  const byCode = async (code: string) => (await roster()).find((m) => m.memberCode === code);

  test('a good file imports every row with its name and enrolment date', async () => {
    const before = (await roster()).length;
    const answer = await importCsv(
      csv('G-001,Rosa Quispe,2026-03-01', 'G-002,Juana Ccori,2026-03-02', 'G-003,Marta Tito,2026-03-03'),
    );
    expect(answer.status, answer.text).toBe(200);
    expect(answer.body).toEqual({ created: 3, unchanged: 0 });
    const stored = await roster();
    expect(stored).toHaveLength(before + 3);
    expect(stored.filter((m) => m.memberCode.startsWith('G-'))).toEqual([
      {
        id: nameBasedUuid(world.banks.a1, 'G-001'),
        memberCode: 'G-001',
        displayName: 'Rosa Quispe',
        enrolledOn: '2026-03-01',
        withdrawnOn: null,
      },
      {
        id: nameBasedUuid(world.banks.a1, 'G-002'),
        memberCode: 'G-002',
        displayName: 'Juana Ccori',
        enrolledOn: '2026-03-02',
        withdrawnOn: null,
      },
      {
        id: nameBasedUuid(world.banks.a1, 'G-003'),
        memberCode: 'G-003',
        displayName: 'Marta Tito',
        enrolledOn: '2026-03-03',
        withdrawnOn: null,
      },
    ]);
  });

  test('importing the same file again creates nothing, because ids are made from the bank and the member code', async () => {
    const file = csv('R-001,Carmen Huamán,2026-04-01', 'R-002,Lucía Poma,2026-04-01');
    expect((await importCsv(file)).body).toEqual({ created: 2, unchanged: 0 });
    const afterFirst = await roster();
    const again = await importCsv(file);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ created: 0, unchanged: 2 });
    expect(await roster()).toEqual(afterFirst);
    expect((await byCode('R-002'))?.id).toBe(nameBasedUuid(world.banks.a1, 'R-002'));
  });

  test('a file with two bad rows imports nothing and names both rows by line and column', async () => {
    const before = await roster();
    const answer = await importCsv(
      csv(
        'B-001,Ana Condori,2026-03-01', // line 2
        'B-002,Elena Yupanqui,03-01-2026', // line 3: neither YYYY-MM-DD nor DD/MM/YYYY
        'B-003,Sonia Rojas,2026-03-01', // line 4
        'B-004,,2026-03-01', // line 5: no name
      ),
    );
    expect(answer.status).toBe(422);
    expect(answer.body.error).toMatchObject({ code: 'invalid_rows', field: 'enrolled_on' });
    expect(answer.body.error.rows).toEqual([
      {
        row: 3,
        field: 'enrolled_on',
        message: 'must be a date written as YYYY-MM-DD or DD/MM/YYYY',
        rule: 'roster.enrolled_on_date',
        params: { value: '03-01-2026' },
      },
      { row: 5, field: 'display_name', message: expect.any(String), rule: 'roster.display_name_required', params: {} },
    ]);
    expect(answer.body.error.message).toContain('line 3, column enrolled_on');
    const after = await roster();
    expect(after).toEqual(before);
    expect(after.some((m) => m.memberCode.startsWith('B-'))).toBe(false);
  });

  test('a blank line in the file does not shift the line numbers in the errors', async () => {
    const answer = await importCsv(`${HEADER}\nL-001,Ana Condori,2026-03-01\n\nL-002,Sonia Rojas,2026-13-01\n`);
    expect(answer.status).toBe(422);
    expect(answer.body.error.rows).toEqual([
      {
        row: 4,
        field: 'enrolled_on',
        message: 'must be a date written as YYYY-MM-DD or DD/MM/YYYY',
        rule: 'roster.enrolled_on_date',
        params: { value: '2026-13-01' },
      },
    ]);
    expect(await byCode('L-001')).toBeUndefined();
  });

  test('re-importing a file in which a stored member’s name changed is a conflict that names the line and changes nothing', async () => {
    expect((await importCsv(csv('C-001,Ana Condori,2026-03-01', 'C-002,Sonia Rojas,2026-03-01'))).body).toEqual({
      created: 2,
      unchanged: 0,
    });
    const before = await roster();
    const answer = await importCsv(
      csv('C-001,Ana Condori,2026-03-01', 'C-003,Elena Yupanqui,2026-03-01', 'C-002,Sonia Rojas Tito,2026-03-01'),
    );
    expect(answer.status).toBe(409);
    expect(answer.body.error).toMatchObject({ code: 'conflict', field: 'id' });
    expect(answer.body.error.rows).toEqual([
      {
        row: 4,
        field: 'id',
        message: expect.stringContaining(nameBasedUuid(world.banks.a1, 'C-002')),
        rule: 'roster.member_changed',
        params: expect.objectContaining({ code: 'C-002' }),
      },
    ]);
    expect(await roster()).toEqual(before);
  });

  test('a file without one of the columns is refused naming the missing column', async () => {
    const before = (await roster()).length;
    const answer = await importCsv('member_code,display_name\nM-001,Ana Condori\n');
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 'invalid_request', field: 'enrolled_on' });
    expect(answer.body.error.message).toContain('enrolled_on');
    expect(await roster()).toHaveLength(before);
  });

  test('an empty file, or one with only the header, is refused', async () => {
    const before = (await roster()).length;
    for (const text of ['', `${HEADER}\n`]) {
      const answer = await importCsv(text);
      expect(answer.status, JSON.stringify(text)).toBe(400);
      expect(answer.body.error).toMatchObject({ code: 'invalid_request', field: 'file' });
      expect(answer.body.error.message).toContain(HEADER);
    }
    expect(await roster()).toHaveLength(before);
  });

  test('a member code repeated in the file is refused naming the line that repeats it, and nothing is imported', async () => {
    const before = (await roster()).length;
    const answer = await importCsv(
      csv('D-001,Ana Condori,2026-03-01', 'D-002,Sonia Rojas,2026-03-01', 'D-001,Elena Yupanqui,2026-03-01'),
    );
    expect(answer.status).toBe(422);
    expect(answer.body.error).toMatchObject({ code: 'invalid_rows', field: 'member_code' });
    expect(answer.body.error.rows).toEqual([
      {
        row: 4,
        field: 'member_code',
        message: expect.stringContaining('line 2'),
        rule: 'roster.code_repeated_in_file',
        params: { code: 'D-001', first: 2 },
      },
    ]);
    expect(answer.body.error.rows[0].message).toContain('D-001');
    expect(await roster()).toHaveLength(before);
  });

  test('an id repeated in the optional id column is refused naming the line, and nothing is imported', async () => {
    const before = (await roster()).length;
    const id = '0f8fad5b-d9cb-469f-a165-70867728950e';
    const answer = await importCsv(
      `${HEADER},id\nI-001,Ana Condori,2026-03-01,${id}\nI-002,Sonia Rojas,2026-03-01,${id}\n`,
    );
    expect(answer.status).toBe(422);
    expect(answer.body.error).toMatchObject({ code: 'invalid_rows', field: 'id' });
    expect(answer.body.error.rows).toEqual([
      {
        row: 3,
        field: 'id',
        message: expect.stringContaining(id),
        rule: 'roster.id_repeated_in_file',
        params: { id, first: 2 },
      },
    ]);
    expect(await roster()).toHaveLength(before);
  });

  test('accents and Ñ in names survive the import', async () => {
    const answer = await importCsv(
      csv('A-001,Señora Quispe Huamaní,2026-03-01', 'A-002,Ñusta Mamani Cóndor,2026-03-01'),
    );
    expect(answer.status, answer.text).toBe(200);
    expect((await byCode('A-001'))?.displayName).toBe('Señora Quispe Huamaní');
    expect((await byCode('A-002'))?.displayName).toBe('Ñusta Mamani Cóndor');
  });

  test('a file saved by Excel, with a UTF-8 byte order mark and CRLF line ends, is accepted', async () => {
    const answer = await importCsv(
      `\uFEFF${HEADER}\r\nX-001,Rosa Ñahui,2026-03-01\r\nX-002,Juana Ccori,2026-03-02\r\n`,
    );
    expect(answer.status, answer.text).toBe(200);
    expect(answer.body).toEqual({ created: 2, unchanged: 0 });
    expect(await byCode('X-001')).toEqual({
      id: nameBasedUuid(world.banks.a1, 'X-001'),
      memberCode: 'X-001',
      displayName: 'Rosa Ñahui',
      enrolledOn: '2026-03-01',
      withdrawnOn: null,
    });
    expect((await byCode('X-002'))?.enrolledOn).toBe('2026-03-02');
  });

  test('commas and quotes inside a quoted name survive the import', async () => {
    const answer = await importCsv(csv('Q-001,"Quispe, María ""la Rosa""",2026-03-01'));
    expect(answer.status, answer.text).toBe(200);
    expect((await byCode('Q-001'))?.displayName).toBe('Quispe, María "la Rosa"');
  });
});
