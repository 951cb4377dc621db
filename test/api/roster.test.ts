import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { projectRoot } from '../support/content-root.ts';
import { databases, members, seedWorld, startApi, type World } from '../support/api-world.ts';
import { everyTable } from '../support/every-table.ts';

/** The office's sentences: every rule the API names must have one in Spanish and in English. */
const sentences = (lang: string) =>
  JSON.parse(readFileSync(join(projectRoot, 'content/i18n/office', lang, 'roster.json'), 'utf8')) as Record<
    string,
    string
  >;
const es = sentences('es');
const en = sentences('en');
const say = (rule: string, params: Record<string, string | number>) =>
  (es[`office.rule.${rule}`] ?? `(no sentence for ${rule})`).replace(/\{\{(\w+)\}\}/g, (_, k: string) =>
    String(params[k]),
  );

/** Windows-1252, as plain "CSV" from Spanish Excel: Spanish letters are the Latin-1 bytes. */
const windows1252 = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));
const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));
const BOM = new Uint8Array([0xef, 0xbb, 0xbf]);
const join2 = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));

/** A bank's list as Excel writes it in Peru: `;`, Spanish headers, day-first dates, accents. */
function excelRoster(count: number, prefix: string, bad?: { index: number; code: string }) {
  const lines = ['Código;Nombre;Fecha de inscripción'];
  for (let i = 0; i < count; i++)
    lines.push(
      `${bad?.index === i ? bad.code : `${prefix}-${String(i + 1).padStart(2, '0')}`};María Ñahui Huamán ${i + 1};${String((i % 28) + 1).padStart(2, '0')}/03/2026`,
    );
  return lines.join('\r\n') + '\r\n';
}

describe.each(databases)('keeping a roster on %s', (kind) => {
  let api: Awaited<ReturnType<typeof startApi>>;
  let world: World;
  const rulesSeen = new Set<string>();

  beforeAll(async () => {
    api = await startApi(kind, 'roster-office');
    world = await seedWorld(api.server.url, api.admin);
  });
  afterAll(() => api?.stop());

  const list = async (bankId: string, who = world.users.facA.client) => {
    const answer = await who.get(`/api/v1/banks/${bankId}/members`);
    expect(answer.status, answer.text).toBe(200);
    return answer.body.members as {
      id: string;
      memberCode: string;
      displayName: string;
      enrolledOn: string;
      withdrawnOn: string | null;
    }[];
  };
  const upload = (
    route: 'members.csv' | 'members-preview',
    bankId: string,
    bytes: Uint8Array,
    who = world.users.facA.client,
  ) => who.request('POST', `/api/v1/banks/${bankId}/${route}`, { bytes, contentType: 'text/csv' });
  const note = (body: any) => {
    for (const row of body?.rows ?? body?.error?.rows ?? [])
      for (const p of row.problems ?? [row]) if (p.rule) rulesSeen.add(p.rule);
    if (body?.error?.rule) rulesSeen.add(body.error.rule);
  };

  test('the bank’s facilitator and the admin add, correct, withdraw and reinstate members; the coordinator is refused, another facilitator finds nothing', async () => {
    const admin = world.admin;
    const [one, two] = members(2, 'W');
    expect((await admin.post(`/api/v1/banks/${world.banks.a1}/members`, { members: [one] })).status).toBe(200);
    expect(
      (await world.users.facA.client.post(`/api/v1/banks/${world.banks.a1}/members`, { members: [two] })).status,
    ).toBe(200);
    const edited = await world.users.facA.client.request('PATCH', `/api/v1/members/${one!.id}`, {
      json: { displayName: 'Rosa Quispe Tito' },
    });
    expect(edited.status, edited.text).toBe(200);
    expect(edited.body.member).toEqual({ ...one, displayName: 'Rosa Quispe Tito', withdrawnOn: null });
    expect(
      (await admin.post(`/api/v1/members/${two!.id}/withdraw`, { withdrawnOn: '2026-05-02' })).body.member.withdrawnOn,
    ).toBe('2026-05-02');
    expect((await list(world.banks.a1)).find((m) => m.id === two!.id)?.withdrawnOn).toBe('2026-05-02');
    expect(
      (await world.users.facA.client.post(`/api/v1/members/${two!.id}/reinstate`)).body.member.withdrawnOn,
    ).toBeNull();

    const coordinator = await world.users.coordA.client.request('PATCH', `/api/v1/members/${one!.id}`, {
      json: { displayName: 'X' },
    });
    expect([coordinator.status, coordinator.body.error.code]).toEqual([403, 'forbidden']);
    for (const [method, path, json] of [
      ['PATCH', `/api/v1/members/${one!.id}`, { displayName: 'X' }],
      ['POST', `/api/v1/members/${one!.id}/withdraw`, { withdrawnOn: '2026-05-02' }],
      ['POST', `/api/v1/members/${one!.id}/erase`, undefined],
      ['GET', `/api/v1/members/${one!.id}/record`, undefined],
      ['POST', `/api/v1/banks/${world.banks.a1}/members`, { members: members(1, 'Z') }],
    ] as const) {
      const answer = await world.users.facA2.client.request(method, path, json ? { json } : {});
      expect([method, path, answer.status, answer.body.error.code]).toEqual([method, path, 404, 'not_found']);
    }
    expect((await list(world.banks.a1)).find((m) => m.id === one!.id)?.displayName).toBe('Rosa Quispe Tito');
  });

  test('a correction or a baja that breaks a rule is refused naming the rule, and changes nothing', async () => {
    const [a, b] = members(2, 'RULE');
    expect(
      (await world.users.facA.client.post(`/api/v1/banks/${world.banks.a1}/members`, { members: [a, b] })).status,
    ).toBe(200);
    const patch = (id: string, json: unknown) =>
      world.users.facA.client.request('PATCH', `/api/v1/members/${id}`, { json });
    const withdraw = (id: string, withdrawnOn: string) =>
      world.users.facA.client.post(`/api/v1/members/${id}/withdraw`, { withdrawnOn });
    const refusals = [
      [await patch(a!.id, { memberCode: b!.memberCode.toLowerCase() }), 409, 'member.code_taken'],
      [await patch(a!.id, { enrolledOn: '2999-01-01' }), 422, 'member.enrolled_on_future'],
      [await patch(a!.id, { memberCode: 'S 01' }), 400, undefined],
      [await withdraw(a!.id, '2026-02-01'), 422, 'member.withdrawn_before_enrolled'],
      [await withdraw(a!.id, '2999-01-01'), 422, 'member.withdrawn_on_future'],
    ] as const;
    for (const [answer, status, rule] of refusals) {
      note(answer.body);
      expect([answer.status, answer.body.error.rule]).toEqual([status, rule]);
    }
    // Her own code in other letters is still hers.
    expect((await patch(a!.id, { memberCode: a!.memberCode.toLowerCase() })).status).toBe(200);
    expect((await withdraw(a!.id, '2026-04-01')).status).toBe(200);
    const late = await patch(a!.id, { enrolledOn: '2026-04-02' });
    note(late.body);
    expect([late.status, late.body.error.rule]).toEqual([422, 'member.enrolled_after_withdrawn']);
    expect((await list(world.banks.a1)).find((m) => m.id === a!.id)).toEqual({
      ...a,
      memberCode: a!.memberCode.toLowerCase(),
      withdrawnOn: '2026-04-01',
    });
  });

  test('member codes are one code whatever their case: s-01 after S-01 is refused, and of two imports racing with s-01 and S-01 exactly one wins', async () => {
    const first = await world.users.facA.client.post(`/api/v1/banks/${world.banks.a1}/members`, {
      members: [{ id: randomUUID(), memberCode: 'CASE-01', displayName: 'Ana', enrolledOn: '2026-03-01' }],
    });
    expect(first.status).toBe(200);
    const second = await world.users.facA.client.post(`/api/v1/banks/${world.banks.a1}/members`, {
      members: [{ id: randomUUID(), memberCode: 'case-01', displayName: 'Otra Ana', enrolledOn: '2026-03-01' }],
    });
    note(second.body);
    expect([second.status, second.body.error.rule]).toEqual([409, 'member.code_taken']);
    // Another bank may use the same code.
    expect(
      (
        await world.users.facA2.client.post(`/api/v1/banks/${world.banks.a2}/members`, {
          members: [{ id: randomUUID(), memberCode: 'case-01', displayName: 'Ana', enrolledOn: '2026-03-01' }],
        })
      ).status,
    ).toBe(200);

    for (let round = 0; round < 6; round++) {
      const code = `race-${round}`;
      const answers = await Promise.all([
        upload(
          'members.csv',
          world.banks.a1,
          utf8(`member_code,display_name,enrolled_on\n${code},Rosa Quispe,2026-03-01\n`),
        ),
        upload(
          'members.csv',
          world.banks.a1,
          utf8(`member_code,display_name,enrolled_on\n${code.toUpperCase()},Juana Ccori,2026-03-01\n`),
          world.admin,
        ),
      ]);
      expect(answers.map((a) => a.status).sort(), answers.map((a) => a.text).join('\n')).toEqual([200, 409]);
      const stored = (await list(world.banks.a1)).filter((m) => m.memberCode.toLowerCase() === code);
      expect(stored).toHaveLength(1);
    }
  });

  test('a Windows-1252 file with ; and Spanish headers and one bad row: the preview names that line, nothing is saved; fixed, its 40 members are imported', async () => {
    const bad = windows1252(excelRoster(40, 'EX', { index: 6, code: 'EX 07' }));
    const preview = await upload('members-preview', world.banks.a1, bad);
    expect(preview.status, preview.text).toBe(200);
    note(preview.body);
    expect(preview.body).toMatchObject({
      encoding: 'windows-1252',
      delimiter: ';',
      valid: 39,
      invalid: 1,
      ignoredColumns: [],
    });
    expect(preview.body.rows).toHaveLength(40);
    const wrong = preview.body.rows.filter((r: { status: string }) => r.status === 'invalid');
    expect(wrong).toEqual([
      {
        line: 8,
        memberCode: 'EX 07',
        displayName: 'María Ñahui Huamán 7',
        enrolledOn: '2026-03-07',
        status: 'invalid',
        problems: [
          expect.objectContaining({
            field: 'member_code',
            rule: 'roster.member_code_format',
            params: { code: 'EX 07' },
          }),
        ],
      },
    ]);
    expect(say(wrong[0].problems[0].rule, { ...wrong[0].problems[0].params, line: 8 })).toBe(
      'Línea 8: el código «EX 07» no sirve. Usa de 1 a 24 letras, números o guiones, sin espacios ni tildes.',
    );
    expect(preview.body.rows[0]).toMatchObject({
      line: 2,
      memberCode: 'EX-01',
      displayName: 'María Ñahui Huamán 1',
      enrolledOn: '2026-03-01',
      status: 'new',
    });

    const refused = await upload('members.csv', world.banks.a1, bad);
    expect(refused.status).toBe(422);
    expect(refused.body.error.rows).toEqual([
      expect.objectContaining({ row: 8, field: 'member_code', rule: 'roster.member_code_format' }),
    ]);
    expect((await list(world.banks.a1)).filter((m) => m.memberCode.startsWith('EX-'))).toEqual([]);

    const fixed = windows1252(excelRoster(40, 'EX'));
    expect((await upload('members-preview', world.banks.a1, fixed)).body).toMatchObject({ valid: 40, invalid: 0 });
    const imported = await upload('members.csv', world.banks.a1, fixed);
    expect(imported.status, imported.text).toBe(200);
    expect(imported.body).toEqual({ created: 40, unchanged: 0 });
    const stored = (await list(world.banks.a1)).filter((m) => m.memberCode.startsWith('EX-'));
    expect(stored).toHaveLength(40);
    expect(stored.find((m) => m.memberCode === 'EX-12')).toMatchObject({
      displayName: 'María Ñahui Huamán 12',
      enrolledOn: '2026-03-12',
    });
    // The same file again is a resend: every row already stored the same.
    expect(
      (await upload('members-preview', world.banks.a1, fixed)).body.rows.every(
        (r: { status: string }) => r.status === 'unchanged',
      ),
    ).toBe(true);
  });

  test('a UTF-8 file with a byte order mark, ; and Spanish headers without accents is read the same', async () => {
    const text =
      'codigo;NOMBRE;fecha_inscripcion;DNI\r\nBOM-01;Ñusta Cóndor;2026-03-01;12345678\r\nBOM-02;Señora Huamaní;1/3/2026;87654321\r\n';
    const preview = await upload('members-preview', world.banks.a1, join2(BOM, utf8(text)));
    expect(preview.body).toMatchObject({
      encoding: 'utf-8',
      delimiter: ';',
      valid: 2,
      invalid: 0,
      ignoredColumns: ['DNI'],
    });
    expect((await upload('members.csv', world.banks.a1, join2(BOM, utf8(text)))).body).toEqual({
      created: 2,
      unchanged: 0,
    });
    const stored = (await list(world.banks.a1)).filter((m) => m.memberCode.startsWith('BOM-'));
    expect(stored.map((m) => [m.displayName, m.enrolledOn])).toEqual([
      ['Ñusta Cóndor', '2026-03-01'],
      ['Señora Huamaní', '2026-03-01'],
    ]);
    // The DNI column was not kept anywhere.
    expect(JSON.stringify(await list(world.banks.a1))).not.toContain('12345678');
  });

  test('a file mixing encodings is refused naming its lines, and no damaged letter is stored', async () => {
    // A header without accents, so that the rows are judged (a header read wrong is refused whole, below).
    const header = utf8('codigo;nombre;fecha de inscripcion\n');
    // Lines 2 and 3 in UTF-8, line 4 in Windows-1252: as a whole it is not UTF-8, so it is read as
    // Windows-1252, and the UTF-8 lines show "Ã±".
    const mixed = join2(
      header,
      utf8('MIX-01;Rosa Ñahui;2026-03-01\nMIX-02;Juana Peña;2026-03-01\n'),
      windows1252('MIX-03;Elena Muñoz;2026-03-01\n'),
    );
    const preview = await upload('members-preview', world.banks.a1, mixed);
    expect(preview.status, preview.text).toBe(200);
    note(preview.body);
    expect(preview.body.rows.map((r: any) => [r.line, r.status, r.problems.map((p: any) => p.rule)])).toEqual([
      [2, 'invalid', ['roster.encoding_mixed']],
      [3, 'invalid', ['roster.encoding_mixed']],
      [4, 'new', []],
    ]);
    expect(preview.body.rows[0].problems[0].params).toEqual({ text: 'Ã‘' });
    const refused = await upload('members.csv', world.banks.a1, mixed);
    expect(refused.status).toBe(422);
    // With a byte order mark the file says UTF-8: the line that is not is named.
    const withBom = join2(
      BOM,
      header,
      utf8('MIX-04;Rosa Ñahui;2026-03-01\n'),
      windows1252('MIX-05;Elena Muñoz;2026-03-01\n'),
    );
    const bomAnswer = await upload('members-preview', world.banks.a1, withBom);
    note(bomAnswer.body);
    expect([bomAnswer.status, bomAnswer.body.error.rows.map((r: any) => [r.row, r.rule])]).toEqual([
      422,
      [[3, 'roster.encoding_mixed']],
    ]);
    // A mark in front of a file that is Windows-1252 throughout is a stray mark, not a mix: read as Windows-1252.
    const strayBom = await upload(
      'members-preview',
      world.banks.a1,
      join2(BOM, windows1252('código;nombre;fecha de inscripción\nMIX-08;Elena Muñoz;2026-03-01\n')),
    );
    expect(
      [
        strayBom.status,
        strayBom.body.encoding,
        strayBom.body.rows.map((r: any) => [r.line, r.status, r.displayName ?? r.member?.displayName]),
      ],
      strayBom.text,
    ).toEqual([200, 'windows-1252', [[2, 'new', 'Elena Muñoz']]]);
    const badHeader = await upload(
      'members-preview',
      world.banks.a1,
      join2(utf8('código;nombre;fecha de inscripción\n'), windows1252('MIX-07;Elena Muñoz;2026-03-01\n')),
    );
    expect([badHeader.status, badHeader.body.error.rows]).toEqual([
      422,
      [expect.objectContaining({ row: 1, field: 'header', rule: 'roster.encoding_mixed', params: { text: 'Ã³' } })],
    ]);
    // A replacement character (an accent lost before the file reached us) is refused too.
    const lost = await upload(
      'members-preview',
      world.banks.a1,
      utf8('código,nombre,fecha de inscripción\nMIX-06,Rosa \uFFFDahui,2026-03-01\n'),
    );
    note(lost.body);
    expect(lost.body.rows[0].problems.map((p: any) => p.rule)).toEqual(['roster.encoding_damaged']);
    const stored = await list(world.banks.a1);
    expect(stored.filter((m) => m.memberCode.startsWith('MIX-'))).toEqual([]);
    expect(stored.filter((m) => /\uFFFD|Ã/.test(m.displayName))).toEqual([]);
  });

  test('file-level problems are refused with a named rule: no header, missing columns, a broken quote, UTF-16', async () => {
    const cases: [Uint8Array, string][] = [
      [utf8('código;nombre\nA-1;Rosa\n'), 'roster.header_missing'],
      [utf8('código;nombre;fecha de inscripción\n'), 'roster.file_empty'],
      [utf8('código,nombre,fecha de inscripción\nQ-1,"Rosa,2026-03-01\n'), 'roster.csv_malformed'],
      [
        new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('código\tnombre\n', 'utf16le')])),
        'roster.encoding_utf16',
      ],
      [utf8('código,nombre,Nombre,fecha de inscripción\nQ-1,Rosa,Rosa,2026-03-01\n'), 'roster.header_repeated'],
    ];
    for (const [bytes, rule] of cases) {
      const answer = await upload('members-preview', world.banks.a1, bytes);
      note(answer.body);
      expect([answer.status, answer.body.error.rule], answer.text).toEqual([400, rule]);
    }
  });

  test('the template, filled in and uploaded, round-trips in both languages', async () => {
    for (const lang of ['es', 'en'] as const) {
      const template = await fetch(`${api.server.url}/api/v1/members-template.csv?lang=${lang}`, {
        headers: { cookie: (world.users.facA.client as unknown as { cookie: string }).cookie },
      });
      expect(template.status).toBe(200);
      expect(template.headers.get('content-type')).toContain('text/csv');
      const bytes = new Uint8Array(await template.arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([...BOM]);
      const filled = join2(bytes, utf8(`T${lang}-01,Rosa Quispe,15/03/2026\r\nT${lang}-02,Juana Ccori,2026-03-16\r\n`));
      expect((await upload('members-preview', world.banks.a1, filled)).body).toMatchObject({
        valid: 2,
        invalid: 0,
        encoding: 'utf-8',
        delimiter: ',',
      });
      expect((await upload('members.csv', world.banks.a1, filled)).body).toEqual({ created: 2, unchanged: 0 });
    }
  });

  test('an erased member’s name and code are gone from every table, the attendance export and the audit log, while the indicators answer exactly as before', async () => {
    const facB = world.users.facB.client;
    const bank = world.banks.b1;
    const roster = members(12, 'B1');
    const target = {
      id: randomUUID(),
      memberCode: 'BORRA-01',
      displayName: 'Florinda Ccahuana Yauri',
      enrolledOn: '2026-03-01',
    };
    expect((await facB.post(`/api/v1/banks/${bank}/members`, { members: [...roster, target] })).status).toBe(200);
    // A second one, imported from a file: her id was made from her code.
    const imported = { memberCode: 'BORRA-02', displayName: 'Eufemia Tacuri Llamocca' };
    expect(
      (
        await upload(
          'members.csv',
          bank,
          utf8(`código,nombre,fecha de inscripción\n${imported.memberCode},${imported.displayName},01/03/2026\n`),
          facB,
        )
      ).status,
    ).toBe(200);
    const importedId = (await list(bank, facB)).find((m) => m.memberCode === imported.memberCode)!.id;
    const everyone = [...roster.map((m) => m.id), target.id, importedId];
    for (const [i, sessionId] of ['gv-espacio-de-confianza', 'gv-violencia-no-es-normal'].entries()) {
      const batch = {
        delivery: { id: randomUUID(), bankId: bank, sessionId, deliveredOn: `2026-04-1${i}` },
        records: everyone.map((memberId, j) => ({ id: randomUUID(), memberId, present: j % 3 !== 1 })),
      };
      expect((await facB.post('/api/v1/attendance-batches', batch)).status).toBe(200);
    }
    const workshopId = randomUUID();
    expect(
      (
        await world.users.coordB.client.post('/api/v1/workshops', {
          id: workshopId,
          regionId: world.regions.b,
          title: 'Taller',
          startsOn: '2026-05-04',
          days: 2,
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await facB.post(`/api/v1/workshops/${workshopId}/participants`, {
          participants: [target.id, importedId, roster[0]!.id].map((memberId) => ({
            id: randomUUID(),
            memberId,
            daysAttended: 2,
          })),
        })
      ).status,
    ).toBe(200);

    const figures = async () => {
      const out: Record<string, unknown> = {};
      for (const [who, client] of [
        ['facB', facB],
        ['coordB', world.users.coordB.client],
        ['admin', world.admin],
      ] as const) {
        for (const query of [
          'programmeId=imagen-peru',
          'programmeId=imagen-peru&groupBy=bank',
          `programmeId=imagen-peru&bankId=${bank}`,
        ]) {
          const answer = await client.get(`/api/v1/indicators?${query}`);
          expect(answer.status).toBe(200);
          out[`${who} ${query}`] = answer.body;
        }
      }
      return out;
    };
    const before = await figures();
    const exportBefore = (await facB.get('/api/v1/exports/attendance.csv')).text.trim().split(/\r?\n/);
    expect(exportBefore.some((l) => l.includes('BORRA-01'))).toBe(true);

    // Erased by the admin (the organisation's client list) and by her facilitator.
    expect((await world.admin.post(`/api/v1/members/${target.id}/erase`)).body).toEqual({ erased: true });
    expect((await facB.post(`/api/v1/members/${importedId}/erase`)).body).toEqual({ erased: true });
    expect((await facB.post(`/api/v1/members/${target.id}/erase`)).status).toBe(404);
    expect((await facB.get(`/api/v1/members/${target.id}/record`)).status).toBe(404);

    expect(await figures()).toEqual(before);
    const exportAfter = (await facB.get('/api/v1/exports/attendance.csv')).text.trim().split(/\r?\n/);
    expect(exportAfter).toHaveLength(exportBefore.length);
    const rosterAfter = await list(bank, facB);
    expect(rosterAfter.map((m) => m.id).sort()).toEqual(roster.map((m) => m.id).sort());

    const secrets = [
      target.displayName,
      target.memberCode,
      target.id,
      imported.displayName,
      imported.memberCode,
      importedId,
    ];
    const found = (text: string) => secrets.filter((s) => text.toLowerCase().includes(s.toLowerCase()));
    expect(found(exportAfter.join('\n'))).toEqual([]);
    const auditLog = await world.admin.get('/api/v1/audit?limit=500');
    expect(auditLog.body.entries.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['member.erase']),
    );
    expect(found(auditLog.text)).toEqual([]);

    // Every text in every table of the real database, read around the API.
    const dump = await everyTable(api);
    expect(Object.keys(dump)).toEqual(
      expect.arrayContaining(['members', 'attendance', 'workshop_participants', 'audit_log']),
    );
    expect(Object.entries(dump).flatMap(([table, text]) => found(text).map((s) => `${table}: ${s}`))).toEqual([]);
    // Her attendance is still there, under an id that points at no one.
    expect(dump.members).toContain('~');
  });

  test('every rule the API named in these tests has a sentence in Spanish and in English', () => {
    expect(rulesSeen.size).toBeGreaterThanOrEqual(12);
    for (const rule of rulesSeen) {
      expect(es[`office.rule.${rule}`], `es: ${rule}`).toEqual(expect.any(String));
      expect(en[`office.rule.${rule}`], `en: ${rule}`).toEqual(expect.any(String));
    }
  });
});
