import { coreSteps } from '../../src/curriculum/core.ts';
import { sourceCurriculum } from '../support/built-site.ts';
import { randomUUID } from 'node:crypto';
import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser.ts';
import { seedWorld, startApi, type World } from '../support/api-world.ts';
import { fitsAPhone, officeAs } from '../office/office-world.ts';
import { addMembers, offlineCopyReady, roster, screenshotPath, signInOnScreen } from './field-world.ts';

/**
 * Delivery fidelity end to end (issue 17, item 4): a facilitator ticks three steps of
 * gv-espacio-de-confianza on her phone without signal (its agenda: 5 steps; step 3, the safety
 * step, is core and listed first), the roll call syncs, and the coordinator's office page counts
 * it — hidden while region A has 1 to 4 deliveries (the threshold), shown from the 5th.
 */
const SESSION = 'gv-espacio-de-confianza';
let api: Awaited<ReturnType<typeof startApi>>;
let world: World;
let browser: Browser;

beforeAll(async () => {
  [api, browser] = await Promise.all([startApi('sqlite', 'field_fidelity'), launchChromium()]);
  world = await seedWorld(api.server.url, api.admin);
  await addMembers(world.users.facA.client, world.banks.a1, roster(6, 'F'));
});
afterAll(async () => {
  await browser?.close();
  await api?.stop();
});

/** delivery_steps rows of one delivery, straight from the SQLite file. */
function stepsInDatabase(deliveryId: string): number[] {
  const db = new DatabaseSync(join(api.server.dataDir, 'tejido.sqlite'), { readOnly: true });
  try {
    return (
      db
        .prepare('select step_index from delivery_steps where delivery_id = ? and version = 1 order by step_index')
        .all(deliveryId) as { step_index: number }[]
    ).map((r) => r.step_index);
  } finally {
    db.close();
  }
}

/** Roll calls of other banks with steps, sent through the API: 4 more in region A (bank a2), 5 in region B. */
async function otherRollCalls() {
  const send = async (client: typeof world.admin, bankId: string, prefix: string, steps: number[][]) => {
    const members = roster(5, prefix);
    await addMembers(client, bankId, members);
    for (const [i, stepsDone] of steps.entries()) {
      const records = members.map((m) => ({ id: randomUUID(), memberId: m.id, present: true }));
      const answer = await client.post('/api/v1/attendance-batches', {
        delivery: { id: randomUUID(), bankId, sessionId: SESSION, deliveredOn: `2026-08-1${i}` },
        records,
        stepsDone,
      });
      expect(answer.status, answer.text).toBe(200);
    }
  };
  await send(world.users.facA2.client, world.banks.a2, 'G', [[3], [3], [], [0]]);
  await send(world.users.facB.client, world.banks.b1, 'H', [[3], [3], [3], [3], [0, 3]]);
}

/** The region row of the session's table on the office fidelity page, as its cells' raw values. */
async function regionRow(page: Page) {
  await page.goto(`${api.server.url}/oficina/fidelidad/?programa=imagen-peru&trimestre=2026-Q3`);
  const row = page.locator(`section[data-session-id="${SESSION}"] tr[data-level="region"]`);
  return row.evaluate((tr) => ({
    code: tr.getAttribute('data-code'),
    deliveries: tr.querySelector('[data-figure=deliveries]')?.getAttribute('data-value'),
    step3: tr.querySelector('td[data-step="3"]')?.getAttribute('data-share'),
    text: tr.querySelector('td[data-step="3"]')?.textContent?.trim(),
  }));
}

describe('steps done, from the phone to the coordinator', () => {
  test('three steps ticked offline reach the database once synced, and the coordinator’s figures, protected like every count', async () => {
    await otherRollCalls();
    const coordinator = await officeAs(browser, api.server.url, 'coordA');
    // Region A has 4 deliveries with steps: too few, hidden.
    expect(await regionRow(coordinator.page)).toEqual({
      code: 'AYA',
      deliveries: 'oculto',
      step3: 'oculto',
      text: 'oculto',
    });
    expect(await coordinator.page.locator('#hidden-why').count()).toBe(1);

    const context = await browser.newContext({
      viewport: { width: 360, height: 640 },
      deviceScaleFactor: 2,
      locale: 'es-PE',
    });
    const page = await context.newPage();
    await signInOnScreen(page, api.server.url, 'facA');
    await offlineCopyReady(page);
    await context.setOffline(true);
    await page.reload();
    await expect.poll(() => page.locator('#roster button.member').count()).toBe(6);
    await page.selectOption('#session', SESSION);
    await page.fill('#date', '2026-09-15');
    for (let i = 0; i < 4; i++) await page.locator('#roster button.member').nth(i).click();

    // The optional list: the session's 5 steps, the core one first and marked, each a 48 px target.
    const steps = page.locator('#steps-list button.step');
    await expect.poll(() => steps.count()).toBe(5);
    expect(await page.locator('#steps legend').textContent()).toBe('¿Qué pasos hiciste?');
    // Core steps (the content's marks and the safety steps) first, in agenda order, then the rest.
    const core = coreSteps(sourceCurriculum().sessions.find((x) => x.id === 'gv-espacio-de-confianza')!).map(
      (c) => c.index,
    );
    const order = [...core, ...[0, 1, 2, 3, 4].filter((i) => !core.includes(i))];
    expect(await steps.evaluateAll((els) => els.map((el) => Number((el as HTMLElement).dataset.step)))).toEqual(order);
    expect(core).toContain(3);
    expect(await steps.first().locator('.core').textContent()).toBe('paso clave');
    expect(await page.locator('#steps-list .core').count()).toBe(core.length);
    const heights = await steps.evaluateAll((els) => els.map((el) => el.getBoundingClientRect().height));
    expect(Math.min(...heights)).toBeGreaterThanOrEqual(48);
    for (const step of [3, 0, 1]) await page.locator(`#steps-list button.step[data-step="${step}"]`).click();
    expect(await page.locator('#steps-count').textContent()).toBe('3 de 5 pasos');
    await page.screenshot({ path: screenshotPath('field-steps-done-360x640.png'), fullPage: true });
    await page.locator('#save').click();

    const entry = page.locator('#queue li').first();
    await expect.poll(() => entry.getAttribute('data-status')).toBe('pending');
    const deliveryId = (await entry.getAttribute('data-delivery')) as string;
    // Kept in the queued roll call in IndexedDB, as indexes in agenda order.
    const queuedSteps = await page.evaluate(async (id) => {
      const db = await new Promise<IDBDatabase>((resolve) => {
        const open = indexedDB.open('tejido-campo');
        open.onsuccess = () => resolve(open.result);
      });
      const store = db.transaction('queue').objectStore('queue');
      return new Promise<unknown>(
        (resolve) => (store.get(id).onsuccess = (e) => resolve((e.target as IDBRequest).result?.stepsDone)),
      );
    }, deliveryId);
    expect(queuedSteps).toEqual([0, 1, 3]);
    expect(stepsInDatabase(deliveryId)).toEqual([]);

    await context.setOffline(false);
    await expect.poll(() => entry.getAttribute('data-status'), { timeout: 20_000 }).toBe('sent');
    expect(stepsInDatabase(deliveryId)).toEqual([0, 1, 3]);
    await context.close();

    // Now 5 deliveries in region A, 3 of them did step 3 (the phone's, and two of a2's).
    expect(await regionRow(coordinator.page)).toEqual({
      code: 'AYA',
      deliveries: '5',
      step3: '0.6',
      text: '60 % (3 de 5)',
    });
    await fitsAPhone(coordinator.page);
    // Only her region: region B's row is not on her page.
    expect(await coordinator.page.locator(`section[data-session-id="${SESSION}"] tbody tr`).count()).toBe(1);
    await coordinator.context.close();

    // The admin sees the organisation (10) and both regions.
    const admin = await officeAs(browser, api.server.url, 'admin');
    await admin.page.goto(`${api.server.url}/oficina/fidelidad/?programa=imagen-peru&trimestre=2026-Q3`);
    const rows = await admin.page
      .locator(`section[data-session-id="${SESSION}"] tbody tr`)
      .evaluateAll((trs) =>
        trs.map((tr) => [
          tr.getAttribute('data-level'),
          tr.getAttribute('data-code'),
          tr.querySelector('[data-figure=deliveries]')?.getAttribute('data-value'),
          tr.querySelector('td[data-step="3"]')?.getAttribute('data-share'),
        ]),
      );
    expect(rows).toEqual([
      ['organisation', '', '10', '0.8'],
      ['region', 'AYA', '5', '0.6'],
      ['region', 'HVC', '5', '1'],
    ]);
    await admin.context.close();
  });
});
