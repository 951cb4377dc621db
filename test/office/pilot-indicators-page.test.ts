import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser.ts';
import { seedWorld, startApi, type World } from '../support/api-world.ts';
import { COMPLETED, pilotRegions, seedPilotBanks, WOMEN } from '../support/pilot.ts';
import { screenshotPath } from '../field/field-world.ts';
import { figuresOf, fitsAPhone, officeAs } from './office-world.ts';

// The Peru pilot through the office: 1,001 women, 705 attended 4 or more of the 7 sessions; 145
// leaders trained in 6 workshops; 398 activities reached 10,875 people. Seeded through the API,
// as test/api/pilot-indicators.test.ts does, then read in the admin's page.
const LEADERS = 145;
const ACTIVITIES = 398;
const PEOPLE = 10_875;

let api: Awaited<ReturnType<typeof startApi>>;
let world: World;
let browser: Browser;

beforeAll(async () => {
  [api, browser] = await Promise.all([startApi('sqlite', 'office_pilot'), launchChromium()]);
  world = await seedWorld(api.server.url, api.admin);
  const banks = await seedPilotBanks(api, world, (s) => `2015-0${s + 1}-15`);
  const regionOf = pilotRegions(world);
  // 145 leaders: 21 from each of region A's five banks in 4 workshops, 20 from each of region B's two in 2.
  const perBank = [21, 21, 21, 21, 21, 20, 20];
  const leaders = banks.flatMap((b, i) =>
    b.roster.slice(0, perBank[i]).map((m) => ({ region: regionOf[i] as string, memberId: m.id })),
  );
  const workshopsOf = { [world.regions.a]: 4, [world.regions.b]: 2 };
  for (const [regionId, count] of Object.entries(workshopsOf)) {
    const mine = leaders.filter((l) => l.region === regionId);
    for (let w = 0; w < count; w++) {
      const id = randomUUID();
      expect(
        (
          await api.admin.post('/api/v1/workshops', {
            id,
            regionId,
            title: `Taller de lideresas ${w + 1}`,
            startsOn: `2015-0${w + 5}-04`,
            days: 3,
            place: 'Local comunal',
          })
        ).status,
      ).toBe(200);
      const part = mine.filter((_, i) => i % count === w).map((l) => ({ memberId: l.memberId, daysAttended: 3 }));
      const saved = await api.admin.request('PATCH', `/api/v1/workshops/${id}/participants`, {
        json: { participants: part },
      });
      expect(saved.body).toEqual({ saved: part.length });
    }
  }
  // 398 activities of 27 people each, and one more woman at the first 129: 10,875 people.
  const activities = Array.from({ length: ACTIVITIES }, (_, i) => {
    const bank = banks[i % banks.length]!;
    const day = new Date(Date.UTC(2015, 0, 1 + i)).toISOString().slice(0, 10);
    return {
      bank,
      body: {
        id: randomUUID(),
        bankId: bank.id,
        heldOn: day,
        place: 'Plaza de armas',
        activityType: 'feria',
        reached: { women: i < 129 ? 11 : 10, men: 8, girls: 5, boys: 4 },
      },
    };
  });
  for (let i = 0; i < activities.length; i += 8) {
    const answers = await Promise.all(
      activities.slice(i, i + 8).map((a) => a.bank.owner.client.post('/api/v1/activities', a.body)),
    );
    for (const answer of answers) expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  }
});
afterAll(async () => {
  await browser?.close();
  await api?.stop();
});

describe('the pilot’s figures in the admin’s indicators page', () => {
  test('shows 705 of 1.001 women completed, 145 leaders, 398 activities and 10.875 people reached: the API’s figures', async () => {
    const fromApi = (await api.admin.get('/api/v1/indicators?programmeId=imagen-peru&groupBy=bank')).body;
    expect(fromApi.total).toMatchObject({
      enrolled: WOMEN,
      completed: COMPLETED,
      leadersTrained: LEADERS,
      activities: ACTIVITIES,
      peopleReached: PEOPLE,
    });

    const { context, page } = await officeAs(browser, api.server.url, 'admin');
    await page.goto(`${api.server.url}/oficina/indicadores/?programa=imagen-peru`);
    await fitsAPhone(page);
    const shown = (figure: string) => page.locator(`#total td[data-figure=${figure}]`).textContent();
    expect(await shown('enrolled')).toBe('1.001');
    expect(await shown('completed')).toBe('705');
    expect(await shown('leadersTrained')).toBe('145');
    expect(await shown('activities')).toBe('398');
    expect(await shown('peopleReached')).toBe('10.875');
    expect(await page.locator('#headline').textContent()).toBe(
      '705 de 1.001 socias inscritas completaron el programa.',
    );
    const total = await figuresOf(page, '#total');
    for (const [k, v] of Object.entries(fromApi.total)) expect(total[k], k).toBe(String(v));
    // Every bank row is the API's, hidden banks included; both regions hide (README: 2 women of region A never came).
    for (const group of fromApi.groups as { id: string; figures: Record<string, number | string> }[]) {
      const cells = await figuresOf(page, `table#banks tr[data-bank-id="${group.id}"]`);
      for (const [k, v] of Object.entries(group.figures)) expect(cells[k], `${group.id} ${k}`).toBe(String(v));
    }
    expect(await page.locator('table#regions td[data-figure=enrolled][data-hidden=true]').count()).toBe(2);
    expect((await figuresOf(page, '#total')).sessionsDelivered).toBe(String(7 * 7));
    await page.locator('#headline').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('office-pilot-indicators-360x640.png') });
    await page.screenshot({ path: screenshotPath('office-pilot-indicators-360-full.png'), fullPage: true });
    await context.close();
  });
});
