import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser.ts';
import { members, seedWorld, startApi, type World } from '../support/api-world.ts';
import { figuresOf, fitsAPhone, officeAs } from './office-world.ts';

/**
 * The programme office's workshops, activities and indicators pages, driven in Chromium at
 * 360 × 640 against the real server: each form saves through the API's rules, and the figures a
 * page shows are the API's for the same reader.
 */
let api: Awaited<ReturnType<typeof startApi>>;
let world: World;
let browser: Browser;
const a1 = members(8, 'W');
const a2 = members(30, 'S');
const figureKeys = ['enrolled', 'attendedAtLeastOne', 'completed', 'leadersTrained', 'activities', 'peopleReached'];

beforeAll(async () => {
  [api, browser] = await Promise.all([startApi('sqlite', 'office_programme'), launchChromium()]);
  world = await seedWorld(api.server.url, api.admin);
  expect((await world.users.facA.client.post(`/api/v1/banks/${world.banks.a1}/members`, { members: a1 })).status).toBe(
    200,
  );
  expect((await world.users.facA2.client.post(`/api/v1/banks/${world.banks.a2}/members`, { members: a2 })).status).toBe(
    200,
  );
  // Bank a1: 3 of its 8 women never came, a count small enough to point at them.
  const roll = (bankId: string, list: { id: string }[], present: (i: number) => boolean) => ({
    delivery: { id: randomUUID(), bankId, sessionId: 'gv-espacio-de-confianza', deliveredOn: '2026-04-12' },
    records: list.map((m, i) => ({ id: randomUUID(), memberId: m.id, present: present(i) })),
  });
  expect(
    (
      await world.users.facA.client.post(
        '/api/v1/attendance-batches',
        roll(world.banks.a1, a1, (i) => i < 5),
      )
    ).status,
  ).toBe(200);
  expect(
    (
      await world.users.facA2.client.post(
        '/api/v1/attendance-batches',
        roll(world.banks.a2, a2, (i) => i < 20),
      )
    ).status,
  ).toBe(200);
});
afterAll(async () => {
  await browser?.close();
  await api?.stop();
});

describe('the programme office in the browser', () => {
  test('a facilitator records an activity through the form; it is listed and stored with its four counts', async () => {
    const { context, page } = await officeAs(browser, api.server.url, 'facA');
    await page.goto(`${api.server.url}/oficina/actividades/`);
    await fitsAPhone(page);
    const form = page.locator('form#new-activity');
    await form.locator('select[name=bankId]').selectOption(world.banks.a1);
    await form.locator('select[name=activityType]').selectOption('feria');
    await form.locator('input[name=heldOn]').fill('2026-11-25');
    await form.locator('input[name=place]').fill('Plaza de Vilcashuamán');
    for (const [k, n] of Object.entries({ women: '41', men: '12', girls: '7', boys: '5' }))
      await form.locator(`input[name=${k}]`).fill(n);
    await form.locator('button[type=submit]').click();
    await page.waitForLoadState();
    expect(await page.locator('.notice.done').textContent()).toContain('Plaza de Vilcashuamán');
    const row = page.locator('table#activities tbody tr', { hasText: 'Plaza de Vilcashuamán' });
    expect(await row.locator('td[data-figure=total]').textContent()).toBe('65');
    expect(await row.textContent()).toContain('Stand en feria o fiesta');
    await fitsAPhone(page);
    const stored = (await world.users.facA.client.get('/api/v1/activities')).body.activities as {
      place: string;
      heldOn: string;
      reached: unknown;
    }[];
    expect(stored.filter((a) => a.place === 'Plaza de Vilcashuamán')).toEqual([
      expect.objectContaining({
        heldOn: '2026-11-25',
        activityType: 'feria',
        reached: { women: 41, men: 12, girls: 7, boys: 5 },
      }),
    ]);
    // Reloading the answer posts the same form, with the same id: still one activity.
    await page.reload();
    expect(
      ((await world.users.facA.client.get('/api/v1/activities')).body.activities as { place: string }[]).filter(
        (a) => a.place === 'Plaza de Vilcashuamán',
      ),
    ).toHaveLength(1);
    await context.close();
  });

  test('a coordinator creates a workshop with its place; its dates show the last day; she sees no participants form', async () => {
    const { context, page } = await officeAs(browser, api.server.url, 'coordA');
    await page.goto(`${api.server.url}/oficina/talleres/`);
    await fitsAPhone(page);
    expect(await page.locator('form#participants, form#choose-participants').count()).toBe(0);
    const form = page.locator('form#new-workshop');
    await form.locator('input[name=title]').fill('Taller de lideresas Huanta');
    await form.locator('input[name=startsOn]').fill('2026-11-03');
    await form.locator('input[name=days]').fill('3');
    await form.locator('input[name=place]').fill('Local comunal de Huanta');
    await form.locator('button[type=submit]').click();
    await page.waitForLoadState();
    expect(await page.locator('.notice.done').textContent()).toContain('Taller de lideresas Huanta');
    const row = page.locator('table#workshops tbody tr', { hasText: 'Taller de lideresas Huanta' });
    expect(await row.locator('[data-field=dates]').textContent()).toMatch(/3 nov.*5 nov/);
    expect(await row.locator('[data-field=place]').textContent()).toBe('Local comunal de Huanta');
    await fitsAPhone(page);
    const listed = (await world.users.coordA.client.get('/api/v1/workshops')).body.workshops;
    expect(listed).toEqual([
      expect.objectContaining({
        title: 'Taller de lideresas Huanta',
        regionId: world.regions.a,
        startsOn: '2026-11-03',
        days: 3,
        place: 'Local comunal de Huanta',
      }),
    ]);
    await context.close();
  });

  test('the admin records participants for one bank; saving the form again corrects the days instead of adding women', async () => {
    const workshop = ((await world.users.coordA.client.get('/api/v1/workshops')).body.workshops as { id: string }[])[0];
    expect(workshop).toBeDefined();
    const { context, page } = await officeAs(browser, api.server.url, 'admin');
    await page.goto(`${api.server.url}/oficina/talleres/`);
    await page.locator('form#choose-participants select[name=taller]').selectOption(workshop!.id);
    await page.locator('form#choose-participants select[name=banco]').selectOption(world.banks.a1);
    await page.locator('form#choose-participants button[type=submit]').click();
    await page.waitForLoadState();
    const form = page.locator('form#participants');
    // The admin keeps the roster: she sees the names, and types what the attendance sheet says.
    expect(await form.textContent()).toContain(a1[0]!.displayName);
    const days = (i: number) => form.locator(`tr[data-member-code="${a1[i]!.memberCode}"] input`);
    await days(0).fill('3');
    await days(1).fill('3');
    await days(2).fill('1');
    await form.locator('button[type=submit]').click();
    await page.waitForLoadState();
    expect(await page.locator('.notice.done').textContent()).toContain('3');
    await fitsAPhone(page);
    const mine = async () =>
      (
        (await world.users.facA.client.get('/api/v1/workshops')).body.workshops as {
          id: string;
          participants: number;
          trained: number;
        }[]
      ).find((w) => w.id === workshop!.id);
    expect(await mine()).toMatchObject({ participants: 3, trained: 2 });
    // The form shows no stored days to the admin; she types the correction for one woman.
    expect(await days(2).inputValue()).toBe('');
    await days(2).fill('3');
    await form.locator('button[type=submit]').click();
    await page.waitForLoadState();
    expect(await mine()).toMatchObject({ participants: 3, trained: 3 });
    // A day count beyond the workshop is refused in plain words naming the woman (past the
    // browser's own max, as an old browser would send it).
    await days(3).evaluate((input) => input.removeAttribute('max'));
    await days(3).fill('4');
    await form.locator('button[type=submit]').click();
    await page.waitForLoadState();
    expect(await page.locator('.notice.error').textContent()).toContain(a1[3]!.displayName);
    expect(await mine()).toMatchObject({ participants: 3 });
    await context.close();
  });

  test('the coordinator’s bank table shows the small bank as oculto, and every cell is the API’s figure for her', async () => {
    const { context, page } = await officeAs(browser, api.server.url, 'coordA');
    await page.goto(`${api.server.url}/oficina/indicadores/`);
    await fitsAPhone(page);
    const fromApi = (await world.users.coordA.client.get('/api/v1/indicators?programmeId=imagen-peru&groupBy=bank'))
      .body;
    // Region A's two banks (test/support/api-world.ts), both in her table.
    expect(fromApi.groups.map((g: { id: string }) => g.id).sort()).toEqual([world.banks.a1, world.banks.a2].sort());
    expect(await page.locator('table#banks tbody tr[data-bank-id]').count()).toBe(fromApi.groups.length);
    for (const group of fromApi.groups as { id: string; figures: Record<string, number | string> }[]) {
      const cells = await figuresOf(page, `table#banks tr[data-bank-id="${group.id}"]`);
      for (const k of figureKeys) expect(cells[k], `${group.id} ${k}`).toBe(String(group.figures[k]));
    }
    const a1Row = page.locator(`table#banks tr[data-bank-id="${world.banks.a1}"]`);
    expect(await a1Row.locator('td[data-figure=enrolled]').textContent()).toBe('oculto');
    expect(await page.locator('#hidden-why').textContent()).toContain('de 1 a 4');
    const total = await figuresOf(page, '#total');
    for (const k of figureKeys) expect(total[k], `total ${k}`).toBe(String(fromApi.total[k]));
    // Meetings held are the delivery list: one roll call in a1.
    expect((await figuresOf(page, `table#banks tr[data-bank-id="${world.banks.a1}"]`)).sessionsDelivered).toBe('1');
    // One period only above the facilitator: said as text, with why; no region table for her.
    expect(await page.locator('#period').textContent()).toContain('todo el programa hasta hoy');
    expect(await page.locator('select[name=periodo]').count()).toBe(0);
    expect(await page.locator('table#regions').count()).toBe(0);
    const csv = await page.request.get(
      new URL((await page.locator('#csv-banks').getAttribute('href')) ?? '', api.server.url).href,
    );
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toContain('BC-A1,oculto,oculto,oculto,oculto');
    await context.close();
  });

  test('the admin reads the region table too, equal to the API’s; a facilitator reads her own banks exactly and may choose dates', async () => {
    const admin = await officeAs(browser, api.server.url, 'admin');
    await admin.page.goto(`${api.server.url}/oficina/indicadores/`);
    await fitsAPhone(admin.page);
    const byRegion = (await api.admin.get('/api/v1/indicators?programmeId=imagen-peru&groupBy=region')).body;
    for (const group of byRegion.groups as { id: string; figures: Record<string, number | string> }[]) {
      const cells = await figuresOf(admin.page, `table#regions tr[data-region-id="${group.id}"]`);
      for (const k of figureKeys) expect(cells[k], `${group.id} ${k}`).toBe(String(group.figures[k]));
    }
    const total = await figuresOf(admin.page, '#total');
    for (const k of figureKeys) expect(total[k]).toBe(String(byRegion.total[k]));
    // Bank b1 has nothing yet: its row says so.
    expect(await admin.page.locator(`table#banks tr[data-bank-id="${world.banks.b1}"] .no-data`).textContent()).toBe(
      'sin datos',
    );
    expect(
      await admin.page
        .locator(`table#banks tr[data-bank-id="${world.banks.b1}"] td[data-figure=lastSync]`)
        .textContent(),
    ).toBe('nunca');
    await admin.page.goto(`${api.server.url}/en/oficina/indicadores/`);
    expect(await admin.page.locator('h1').textContent()).toContain('Indicators');
    await fitsAPhone(admin.page);
    await admin.context.close();

    const facilitator = await officeAs(browser, api.server.url, 'facA');
    await facilitator.page.goto(
      `${api.server.url}/oficina/indicadores/?periodo=chosen-dates&desde=2026-01-01&hasta=2026-12-31`,
    );
    await fitsAPhone(facilitator.page);
    const own = (
      await world.users.facA.client.get(
        '/api/v1/indicators?programmeId=imagen-peru&groupBy=bank&from=2026-01-01&to=2026-12-31',
      )
    ).body;
    expect(own.suppressed).toBe(false);
    const cells = await figuresOf(facilitator.page, `table#banks tr[data-bank-id="${world.banks.a1}"]`);
    expect(cells).toMatchObject({ enrolled: '8', attendedAtLeastOne: '5', sessionsDelivered: '1' });
    for (const k of figureKeys) expect(cells[k]).toBe(String(own.groups[0].figures[k]));
    expect(await facilitator.page.locator('select[name=periodo]').inputValue()).toBe('chosen-dates');
    await facilitator.context.close();
  });

  test('the workshops and activities pages in English, and for the facilitator, fit a phone with no serious accessibility fault', async () => {
    const { context, page } = await officeAs(browser, api.server.url, 'facA');
    for (const path of ['/en/oficina/talleres/', '/en/oficina/actividades/', '/oficina/talleres/']) {
      await page.goto(`${api.server.url}${path}`);
      await fitsAPhone(page);
    }
    // Her own women who took part, counted in the workshop list.
    expect(await page.locator('table#workshops td[data-field=participants]').first().textContent()).toBe('3');
    await context.close();
  });
});
