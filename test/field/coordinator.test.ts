import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { sessionsOfManual } from '../../src/curriculum/resolve.ts';
import { lastMonths } from '../../src/field-app/coordinator/figures.ts';
import { launchChromium } from '../support/browser.ts';
import { sourceCurriculum } from '../support/built-site.ts';
import { PASSWORD, seedWorld, startApi, type World } from '../support/api-world.ts';
import type { ApiClient } from '../support/api-client.ts';
import { addMembers, roster, screenshotPath } from './field-world.ts';

const sessions = sessionsOfManual(sourceCurriculum(), 'genero-y-violencia');
let api: Awaited<ReturnType<typeof startApi>>;
let world: World;
let browser: Browser;
const months = lastMonths(new Date(), 12);

async function rollCall(
  client: ApiClient,
  bankId: string,
  sessionId: string,
  deliveredOn: string,
  members: { id: string }[],
  present: (i: number) => boolean,
) {
  const response = await client.post('/api/v1/attendance-batches', {
    delivery: { id: randomUUID(), bankId, sessionId, deliveredOn },
    records: members.map((m, i) => ({ id: randomUUID(), memberId: m.id, present: present(i) })),
  });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
}

async function activity(client: ApiClient, bankId: string, heldOn: string, women: number, men = 0) {
  const response = await client.post('/api/v1/activities', {
    id: randomUUID(),
    bankId,
    heldOn,
    place: 'Plaza',
    activityType: 'feria',
    reached: { women, men, girls: 0, boys: 0 },
  });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
}

// Region A: 46 enrolled, 33 came at least once, 8 completed (4 of the manual's sessions). Bank a2
// (3 of its 6 never came) is hidden, with a1 as its partner; the region as a whole is shown.
beforeAll(async () => {
  [api, browser] = await Promise.all([startApi('sqlite', 'field_coordinator'), launchChromium()]);
  world = await seedWorld(api.server.url, api.admin);
  const a1 = roster(40, 'A');
  const a2 = roster(6, 'B');
  await addMembers(world.users.facA.client, world.banks.a1, a1);
  await addMembers(world.users.facA2.client, world.banks.a2, a2);
  for (const [n, session] of sessions.slice(0, 4).entries()) {
    await rollCall(
      world.users.facA.client,
      world.banks.a1,
      session.id,
      `${months[6]}-1${n}`,
      a1,
      (i) => i < 8 || (i < 30 && n === 0),
    );
  }
  await rollCall(world.users.facA2.client, world.banks.a2, sessions[0]?.id ?? '', `${months[7]}-05`, a2, (i) => i < 3);
  await activity(world.users.facA.client, world.banks.a1, `${months[10]}-20`, 80, 40);
  await activity(world.users.facA.client, world.banks.a1, `${months[8]}-03`, 3);
  await activity(world.users.facA2.client, world.banks.a2, `${months[5]}-14`, 30, 15);
  await activity(world.users.facA.client, world.banks.a1, `${months[2]}-09`, 22, 9);
});
afterAll(async () => {
  await browser?.close();
  await api?.stop();
});

async function signInOnPage(page: Page, user: string, password = PASSWORD) {
  await page.goto(`${api.server.url}/coordinacion/`);
  await page.locator('input[name=email]').fill(`${user.toLowerCase()}@tejido.test`);
  await page.locator('input[name=password]').fill(password);
  await page.locator('form.sign-in button[type=submit]').click();
  await page.waitForLoadState();
}

const chartTexts = (page: Page, id: 'funnel' | 'reached') =>
  page.locator(`svg.chart:has(title#${id}-title) text.value`).allTextContents();

describe('the coordinator view', () => {
  test('asks to sign in and shows no figures to a stranger', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 640 } });
    const response = await page.goto(`${api.server.url}/coordinacion/`);
    expect(response?.headers()['cache-control']).toBe('no-store');
    expect(await page.locator('form.sign-in').isVisible()).toBe(true);
    expect(await page.locator('svg.chart').count()).toBe(0);
    await signInOnPage(page, 'coordA', 'not-the-password');
    expect(await page.locator('form.sign-in .message').textContent()).toContain('no son correctos');
    await page.close();
  });

  test('draws her region’s funnel and people reached per month as SVG, from the protected figures', async () => {
    const page = await browser.newPage({
      viewport: { width: 360, height: 640 },
      deviceScaleFactor: 2,
      locale: 'es-PE',
    });
    await signInOnPage(page, 'coordA');
    await page.goto(`${api.server.url}/coordinacion/?programa=imagen-peru`);
    expect(await page.locator('svg.chart').count()).toBe(2);
    expect(await chartTexts(page, 'funnel')).toEqual(['46', '33', '8']);
    // People reached at public events are an audience, not the programme's women: shown as they are.
    const reached = await chartTexts(page, 'reached');
    expect(reached).toEqual(['31', '45', '3', '120']);
    expect(await page.locator('.coordination .note').textContent()).toContain('«oculto»');
    // Drawn on the server: the charts are in the HTML as it leaves the server.
    const html = await (await page.request.get(`${api.server.url}/coordinacion/?programa=imagen-peru`)).text();
    expect(html.match(/<svg class="chart"/g)).toHaveLength(2);
    const widths = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      viewport: window.innerWidth,
    }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.viewport);
    await page.locator('svg.chart').first().scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, -80));
    await page.screenshot({ path: screenshotPath('field-coordinator-360x640.png') });
    await page
      .locator('svg.chart')
      .nth(1)
      .evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await page.screenshot({ path: screenshotPath('field-coordinator-reached-360x640.png') });
    await page.screenshot({ path: screenshotPath('field-coordinator-360-full.png'), fullPage: true });
    await page.close();
  });

  test('a coordinator sees only her region; the bank’s facilitator sees her own figures unsuppressed', async () => {
    const other = await browser.newPage();
    await signInOnPage(other, 'coordB');
    await other.goto(`${api.server.url}/coordinacion/?programa=imagen-peru`);
    expect(await chartTexts(other, 'funnel')).toEqual(['0', '0', '0']);
    await other.close();

    const facilitator = await browser.newPage();
    await signInOnPage(facilitator, 'facA');
    await facilitator.goto(`${api.server.url}/coordinacion/?programa=imagen-peru`);
    expect(await chartTexts(facilitator, 'funnel')).toEqual(['40', '30', '8']);
    expect(await chartTexts(facilitator, 'reached')).toEqual(['31', '3', '120']);
    await facilitator.locator('button[value=sign-out]').click();
    await facilitator.waitForLoadState();
    expect(await facilitator.locator('form.sign-in').isVisible()).toBe(true);
    await facilitator.close();
  });
});
