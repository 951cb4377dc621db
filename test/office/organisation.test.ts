import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../support/browser.ts';
import { seriousViolations } from '../support/axe.ts';
import { PASSWORD, startApi } from '../support/api-world.ts';
import { screenshotPath } from '../field/field-world.ts';

/**
 * Issue 19, set-up in the browser: after `create-admin`, the admin puts the organisation to
 * work from the office's pages alone, on a 360 px phone, without a single API call from the
 * test: a region, two banks, a facilitator and her set-up code; the facilitator activates her
 * account; the admin gives her the banks, deactivates her and reactivates her.
 */
let api: Awaited<ReturnType<typeof startApi>>;
let browser: Browser;
const phone = { viewport: { width: 360, height: 640 }, locale: 'es-PE' };
const HER_PASSWORD = 'la-clave-de-rosa-2026';

beforeAll(async () => {
  [api, browser] = await Promise.all([startApi('sqlite', 'office_setup'), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await api?.stop();
});

/** Posts a form of the page and waits for the page that answers it. */
async function submit(page: Page, form: string) {
  await Promise.all([page.waitForNavigation(), page.locator(`${form} button[type=submit]`).first().click()]);
}

async function fitsAndPasses(page: Page, what: string) {
  expect(await seriousViolations(page), what).toEqual([]);
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth),
    `${what}: no sideways scroll at 360 px`,
  ).toBeLessThanOrEqual(360);
}

/** The first-run checklist's steps that are done, as the home page shows them (none left: no checklist). */
async function stepsDone(page: Page) {
  await page.goto(`${api.server.url}/oficina/`);
  return page
    .locator('.first-run li[data-done=true]')
    .evaluateAll((items) => items.map((li) => li.getAttribute('data-step')));
}

describe('setting up the organisation from the office', () => {
  let admin: Page;
  let hers: BrowserContext;
  let rosaId: string;
  let code: string;

  test('the admin signs in and the checklist leads to the set-up page', async () => {
    admin = await (await browser.newContext(phone)).newPage();
    await admin.goto(`${api.server.url}/oficina/`);
    await admin.locator('form.sign-in input[name=email]').fill('admin@tejido.test');
    await admin.locator('form.sign-in input[name=password]').fill(PASSWORD);
    await submit(admin, 'form.sign-in');
    expect(await admin.locator('.first-run li').count()).toBe(4);
    expect(await stepsDone(admin)).toEqual([]);
    await Promise.all([admin.waitForNavigation(), admin.locator('.first-run li[data-step=region] a').click()]);
    expect(new URL(admin.url()).pathname + new URL(admin.url()).hash).toBe('/oficina/organizacion/#regiones');
    await fitsAndPasses(admin, 'the empty set-up page');
  });

  test('a region, then two banks: each form answers with what it saved, and the checklist moves on', async () => {
    await admin.locator('form#new-region input[name=code]').fill('AYA');
    await admin.locator('form#new-region input[name=name]').fill('Ayacucho');
    await submit(admin, 'form#new-region');
    expect(await admin.locator('.notice.done').textContent()).toContain('Ayacucho');
    expect(await admin.locator('#regiones tbody tr').allTextContents()).toEqual([expect.stringContaining('Ayacucho')]);
    expect(await stepsDone(admin)).toEqual(['region']);

    await admin.goto(`${api.server.url}/oficina/organizacion/`);
    for (const [bankCode, name] of [
      ['BC-1', 'Banco Warmi'],
      ['BC-2', 'Banco Sumaq'],
    ]) {
      await admin.locator('form#new-bank input[name=code]').fill(bankCode as string);
      await admin.locator('form#new-bank input[name=name]').fill(name as string);
      await submit(admin, 'form#new-bank');
      expect(await admin.locator('.notice.done').textContent()).toContain(name);
    }
    expect(await admin.locator('#bancos tbody tr[data-id]').count()).toBe(2);
    // A code used twice is refused in her language, and what she typed stays in the form.
    await admin.locator('form#new-bank input[name=code]').fill('BC-1');
    await admin.locator('form#new-bank input[name=name]').fill('Banco repetido');
    await submit(admin, 'form#new-bank');
    expect(await admin.locator('.notice.error').textContent()).toContain('Ya hay un banco con el código BC-1');
    expect(await admin.locator('form#new-bank input[name=name]').inputValue()).toBe('Banco repetido');
    expect(await stepsDone(admin)).toEqual(['region', 'bank']);
  });

  test('a facilitator’s account shows her set-up code once, in the answer to the form', async () => {
    await admin.goto(`${api.server.url}/oficina/organizacion/#usuarias`);
    await admin.locator('form#new-user input[name=displayName]').fill('Rosa Facilitadora');
    await admin.locator('form#new-user input[name=email]').fill('rosa@tejido.test');
    await admin.locator('form#new-user select[name=role]').selectOption('facilitator');
    await submit(admin, 'form#new-user');
    code = ((await admin.locator('#setup-code').textContent()) ?? '').trim();
    expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    expect(await admin.locator('#setup-code').getAttribute('class')).toContain('secret');
    expect(await admin.locator('.setup-code').textContent()).toContain('en persona o por teléfono');
    // Not in the address bar: the page was not redirected to show it.
    expect(admin.url()).not.toContain(code);
    await fitsAndPasses(admin, 'the set-up page showing a code');
    await admin.screenshot({ path: screenshotPath('office-setup-code-360x640.png') });
    rosaId = (await admin.locator('.accounts li[data-state=pending]').getAttribute('data-id')) ?? '';
    expect(rosaId).not.toBe('');

    // Shown once: the page read again has her account, not her code.
    await admin.goto(`${api.server.url}/oficina/organizacion/`);
    expect(await admin.locator('#setup-code').count()).toBe(0);
    expect(await admin.content()).not.toContain(code);
    expect(await stepsDone(admin)).toEqual(['region', 'bank', 'facilitator']);
  });

  test('the facilitator activates her account with the code and is signed in', async () => {
    hers = await browser.newContext(phone);
    const page = await hers.newPage();
    await page.goto(`${api.server.url}/oficina/`);
    await Promise.all([page.waitForNavigation(), page.locator('form.sign-in a[href$="/oficina/activar/"]').click()]);
    await fitsAndPasses(page, 'the activation page');
    const fill = async (again: string) => {
      await page.locator('form#activate input[name=email]').fill('rosa@tejido.test');
      await page.locator('form#activate input[name=setupCode]').fill(code.toLowerCase());
      await page.locator('form#activate input[name=newPassword]').fill(HER_PASSWORD);
      await page.locator('form#activate input[name=newPasswordAgain]').fill(again);
      await submit(page, 'form#activate');
    };
    await fill('otra-clave-distinta');
    expect(await page.locator('.notice.error').textContent()).toContain('no son iguales');
    expect(await page.locator('form#activate input[name=email]').inputValue()).toBe('rosa@tejido.test');
    await fitsAndPasses(page, 'the activation page with a refusal');
    await fill(HER_PASSWORD);
    expect(new URL(page.url()).pathname).toBe('/oficina/');
    expect(await page.locator('.office-account').textContent()).toContain('Rosa Facilitadora');
  });

  test('the admin gives her both banks, and the checklist is done', async () => {
    await admin.goto(`${api.server.url}/oficina/organizacion/`);
    expect(await admin.locator(`.accounts li[data-id="${rosaId}"]`).getAttribute('data-state')).toBe('active');
    for (const bank of ['Banco Warmi', 'Banco Sumaq']) {
      await admin
        .locator('form#assign-bank select[name=bankId]')
        .selectOption({ label: `${bank} (${bank === 'Banco Warmi' ? 'BC-1' : 'BC-2'})` });
      await admin.locator('form#assign-bank select[name=facilitatorId]').selectOption(rosaId);
      await submit(admin, 'form#assign-bank');
      expect(await admin.locator('.notice.done').textContent()).toBe(
        `El banco ${bank} ahora está a cargo de Rosa Facilitadora.`,
      );
    }
    expect(await admin.locator(`#bancos tbody tr[data-facilitator="${rosaId}"]`).count()).toBe(2);
    await fitsAndPasses(admin, 'the set-up page with banks assigned');
    await admin.goto(`${api.server.url}/oficina/`);
    expect(await admin.locator('.first-run').count()).toBe(0);
  });

  test('the admin deactivates her after a confirmation step: her session ends at once; reactivated, she signs in again', async () => {
    await admin.goto(`${api.server.url}/oficina/organizacion/`);
    await Promise.all([
      admin.waitForNavigation(),
      admin.locator(`.accounts li[data-id="${rosaId}"] a.deactivate`).click(),
    ]);
    expect(await admin.locator('#confirmar h3').textContent()).toContain('Rosa Facilitadora');
    await fitsAndPasses(admin, 'the deactivation confirmation');
    // Nothing happened yet.
    expect(await admin.locator(`.accounts li[data-id="${rosaId}"]`).getAttribute('data-state')).toBe('active');
    await submit(admin, 'form#confirm-deactivate');
    expect(await admin.locator('.notice.done').textContent()).toContain('Se desactivó la cuenta de Rosa Facilitadora');
    expect(await admin.locator(`.accounts li[data-id="${rosaId}"]`).getAttribute('data-state')).toBe('deactivated');

    const page = hers.pages()[0] as Page;
    await page.goto(`${api.server.url}/oficina/`);
    expect(await page.locator('form.sign-in').isVisible()).toBe(true);

    await Promise.all([
      admin.waitForNavigation(),
      admin.locator(`.accounts li[data-id="${rosaId}"] button[value=reactivate]`).click(),
    ]);
    expect(await admin.locator(`.accounts li[data-id="${rosaId}"]`).getAttribute('data-state')).toBe('active');
    await page.locator('form.sign-in input[name=email]').fill('rosa@tejido.test');
    await page.locator('form.sign-in input[name=password]').fill(HER_PASSWORD);
    await submit(page, 'form.sign-in');
    expect(await page.locator('.office-account').textContent()).toContain('Rosa Facilitadora');

    // Her own banks are hers to work on; the set-up page is not.
    await page.goto(`${api.server.url}/oficina/organizacion/`);
    expect(await page.locator('.not-admin').textContent()).toContain('para la administración');
    expect(await page.locator('form#new-region').count()).toBe(0);
  });

  test('the English pages pass the same checks', async () => {
    await admin.goto(`${api.server.url}/en/oficina/organizacion/`);
    expect(await admin.locator('#usuarias h2').textContent()).toBe('User accounts');
    await fitsAndPasses(admin, 'the English set-up page');
    const page = await (await browser.newContext(phone)).newPage();
    await page.goto(`${api.server.url}/en/oficina/activar/`);
    expect(await page.locator('form#activate button[type=submit]').textContent()).toContain('Activate and sign in');
    await fitsAndPasses(page, 'the English activation page');
  });
});
