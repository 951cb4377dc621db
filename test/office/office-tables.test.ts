import { randomUUID } from 'node:crypto';
import { load, type CheerioAPI } from 'cheerio';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ApiClient } from '../support/api-client.ts';
import { members, PASSWORD, seedWorld, startApi, type World } from '../support/api-world.ts';
import { sourceCurriculum } from '../support/built-site.ts';

/**
 * Every table of the office pages comes from one component (src/office/OfficeTable.astro): a
 * caption naming it, column headers with scope="col", row headers with scope="row", figures
 * aligned right in the header and in every cell of their column, a labelled scrolling box, and
 * the empty message instead of a table with no rows. Read from the server's HTML, per role.
 */
let api: Awaited<ReturnType<typeof startApi>>;
let world: World;
const roster = members(3, 'T');
const session = sourceCurriculum().sessions.find((s) => s.countsTowardCompletion)!;

beforeAll(async () => {
  api = await startApi('sqlite', 'office_tables');
  world = await seedWorld(api.server.url, api.admin);
  const facA = world.users.facA.client;
  expect((await facA.post(`/api/v1/banks/${world.banks.a1}/members`, { members: roster })).status).toBe(200);
  const roll = await facA.post('/api/v1/attendance-batches', {
    delivery: { id: randomUUID(), bankId: world.banks.a1, sessionId: session.id, deliveredOn: '2026-04-12' },
    records: roster.map((m, i) => ({ id: randomUUID(), memberId: m.id, present: i < 2 })),
  });
  expect(roll.status, roll.text).toBe(200);
  const workshop = await world.users.coordA.client.post('/api/v1/workshops', {
    id: randomUUID(),
    regionId: world.regions.a,
    title: 'Taller de lideresas',
    startsOn: '2026-05-04',
    days: 3,
  });
  expect(workshop.body.status).toBe('created');
});
afterAll(() => api?.stop());

/** The page's HTML as the user's browser gets it. */
async function pageAs(user: 'admin' | 'facA' | 'facB', path: string): Promise<CheerioAPI> {
  const client =
    user === 'admin'
      ? await ApiClient.signedIn(api.server.url, 'admin@tejido.test', PASSWORD)
      : world.users[user].client;
  const answer = await client.get(path);
  expect(answer.status, `${path}: ${answer.text.slice(0, 300)}`).toBe(200);
  return load(answer.text);
}

interface TableShape {
  caption: string;
  headers: string[];
  numeric: boolean[];
  rows: number;
}

/** Checks the component's promises on every table of a page and returns each table's shape by id. */
function tablesOf($: CheerioAPI): Record<string, TableShape> {
  const shapes: Record<string, TableShape> = {};
  for (const element of $('main table').toArray()) {
    const table = $(element);
    const id = table.attr('id') ?? '';
    expect(id, 'every office table has an id').not.toBe('');
    const caption = table.children('caption');
    expect(caption.attr('id'), id).toBe(`${id}-caption`);
    const box = table.parent('.table-wrap');
    expect([box.attr('role'), box.attr('tabindex')], id).toEqual(['region', '0']);
    // The box is named by an element that exists on the page (the section's heading or the caption).
    expect(
      $(`[id="${box.attr('aria-labelledby')}"]`)
        .text()
        .trim(),
      id,
    ).not.toBe('');
    const heads = table.find('thead th').toArray();
    expect(
      heads.map((th) => $(th).attr('scope')),
      id,
    ).toEqual(heads.map(() => 'col'));
    const numeric = heads.map((th) => $(th).hasClass('number'));
    const bodyRows = table.find('tbody tr, tfoot tr').toArray();
    for (const tr of bodyRows) {
      const cells = $(tr).children('th, td').toArray();
      for (const th of $(tr).children('th').toArray()) expect($(th).attr('scope'), id).toBe('row');
      // A row that spans columns ("no data yet") has no figures to align.
      if (cells.some((c) => $(c).attr('colspan'))) continue;
      expect(cells, `${id}: one cell per column`).toHaveLength(heads.length);
      expect(
        cells.map((c) => $(c).hasClass('number')),
        `${id}: figures right-aligned in their column`,
      ).toEqual(numeric);
    }
    shapes[id] = {
      caption: caption.text().trim(),
      headers: heads.map((th) => $(th).text().trim()),
      numeric,
      rows: table.find('tbody tr').length,
    };
  }
  return shapes;
}

describe('the office tables', () => {
  test('the set-up page: regions and banks, each captioned by its section', async () => {
    const $ = await pageAs('admin', '/oficina/organizacion/');
    const tables = tablesOf($);
    expect(Object.keys(tables).sort()).toEqual(['bank-list', 'region-list']);
    expect(tables['region-list']).toEqual({
      caption: $('#regiones-title').text().trim(),
      headers: ['Código', 'Nombre'],
      numeric: [false, false],
      rows: 2,
    });
    expect(tables['bank-list']).toMatchObject({ caption: $('#bancos-title').text().trim(), rows: 3 });
    expect(tables['bank-list']!.headers).toHaveLength(4);
  });

  test('the roster lists each woman once; a bank with nobody says so instead of an empty table', async () => {
    const $ = await pageAs('facA', `/oficina/socias/?bankId=${world.banks.a1}`);
    const { roster: table } = tablesOf($);
    expect(table).toMatchObject({ caption: $('#roster-title').text().trim(), rows: roster.length });
    expect(table!.numeric).toEqual([false, false, false, false, false]);
    const empty = await pageAs('facB', `/oficina/socias/?bankId=${world.banks.b1}`);
    expect(empty('main table')).toHaveLength(0);
    expect(empty('#roster-title').parent().find('p.empty')).toHaveLength(1);
  });

  test('a woman’s record lists the roll call she was in', async () => {
    const $ = await pageAs('facA', `/oficina/socias/ficha/?socia=${roster[0]!.id}`);
    expect(tablesOf($)['record-sessions-table']).toMatchObject({ rows: 1, numeric: [false, false, false] });
  });

  test('the roll calls: the facilitator’s present column is a figure; the admin’s list has none', async () => {
    const mine = tablesOf(await pageAs('facA', '/oficina/asistencias/'));
    expect(mine[`rollcalls-${world.banks.a1}`]).toMatchObject({ rows: 1, numeric: [false, true, false] });
    const admin = tablesOf(await pageAs('admin', '/oficina/asistencias/'));
    expect(admin[`rollcalls-${world.banks.a1}`]).toMatchObject({ rows: 1, numeric: [false, false] });
  });

  test('the indicators: a row per bank and a total row; a row per region for the admin', async () => {
    const $ = await pageAs('admin', '/oficina/indicadores/');
    const tables = tablesOf($);
    expect(tables.banks).toMatchObject({ caption: $('#banks-title').text().trim(), rows: 3 });
    expect($('table#banks tfoot tr#total')).toHaveLength(1);
    expect(tables.regions).toMatchObject({ caption: $('#regions-title').text().trim(), rows: 2 });
    // Every figure but the last sync (a date) is aligned as a number.
    expect(tables.banks!.numeric.slice(1).filter((n) => !n)).toHaveLength(1);
  });

  test('workshops and activities: the facilitator’s own counts are figures', async () => {
    const workshops = tablesOf(await pageAs('facA', '/oficina/talleres/'));
    expect(workshops.workshops).toMatchObject({ rows: 1, numeric: [false, false, true, false, true, true] });
    const activities = await pageAs('facA', '/oficina/actividades/');
    // No activity yet: the empty message, no table.
    expect(tablesOf(activities)).toEqual({});
    expect(activities('#activity-list').parent().find('p.empty')).toHaveLength(1);
  });

  test('the fidelity page: one table per session with core steps, their shares aligned as figures', async () => {
    const $ = await pageAs('admin', '/oficina/fidelidad/');
    // The programme and quarter the page chose, as its CSV link says them; the API's answer for the same.
    const csv = new URL($('a[href*="fidelity.csv"]').attr('href')!, api.server.url);
    const fromApi = await api.admin.get(`/api/v1/fidelity${csv.search}`);
    expect(fromApi.status, fromApi.text).toBe(200);
    const sessions = fromApi.body.bySession as {
      sessionId: string;
      title: string;
      coreSteps: unknown[];
      units: unknown[];
    }[];
    const tables = tablesOf($);
    expect(Object.keys(tables).sort()).toEqual(sessions.map((s) => `fidelity-${s.sessionId}`).sort());
    for (const s of sessions)
      expect(tables[`fidelity-${s.sessionId}`], s.sessionId).toEqual({
        caption: s.title,
        headers: expect.any(Array),
        numeric: [false, true, ...s.coreSteps.map(() => true)],
        rows: s.units.length,
      });
  });

  // The attacker's side: the checker above must fail on each way a hand-written table could go wrong.
  test.each([
    ['no caption', '<table id="t"><thead><tr><th scope="col">A</th></tr></thead><tbody></tbody></table>'],
    [
      'a header without scope',
      '<table id="t"><caption id="t-caption">T</caption><thead><tr><th>A</th></tr></thead></table>',
    ],
    [
      'a figure not aligned',
      '<table id="t"><caption id="t-caption">T</caption><thead><tr><th scope="col" class="number">A</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>',
    ],
    ['no labelled box', '<table id="t"><caption id="t-caption">T</caption><thead></thead><tbody></tbody></table>'],
  ])('the checker refuses a table with %s', (what, html) => {
    const box =
      what === 'no labelled box'
        ? html
        : `<div class="table-wrap" role="region" tabindex="0" aria-labelledby="t-caption">${html}</div>`;
    expect(() => tablesOf(load(`<main>${box}</main>`))).toThrow();
  });
});
