import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { seriousViolations } from '../support/axe.ts';
import { launchChromium } from '../support/browser.ts';
import { projectRoot } from '../support/content-root.ts';
import { PASSWORD, seedWorld, startApi, type World } from '../support/api-world.ts';

/** A bank's list as plain "CSV" from Spanish Excel: Windows-1252, `;`, Spanish headers, day-first dates. */
function excelFile(bad?: { line: number; code: string }) {
  const lines = ['Código;Nombre;Fecha de inscripción'];
  for (let i = 1; i <= 40; i++)
    lines.push(
      `${bad?.line === i + 1 ? bad.code : `EX-${String(i).padStart(2, '0')}`};Señora Ñahui Huamán ${i};${String((i % 28) + 1).padStart(2, '0')}/03/2026`,
    );
  return Buffer.from(lines.join('\r\n') + '\r\n', 'latin1');
}

/** On a 360 px phone: nothing of WCAG A/AA serious or critical, and no sideways scroll. */
async function checkPage(page: Page, what: string) {
  expect(await seriousViolations(page), what).toEqual([]);
  // The elements that stick out, to read in the diff when it fails.
  const wide = await page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > 360 && !el.closest('.table-wrap'))
      .map((el) => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}.${[...el.classList].join('.')}`)
      .slice(0, 8),
  );
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth),
    `${what} scrolls sideways: ${wide.join(', ')}`,
  ).toBeLessThanOrEqual(360);
}

describe('a facilitator keeps her bank’s roster in the office, on a 360×640 phone', () => {
  let api: Awaited<ReturnType<typeof startApi>>;
  let world: World;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [api, browser] = await Promise.all([startApi('sqlite', 'roster-browser'), launchChromium()]);
    world = await seedWorld(api.server.url, api.admin);
    page = await browser.newPage({ viewport: { width: 360, height: 640 }, deviceScaleFactor: 2 });
  });
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  const rows = () => page.locator('tr[data-member-id]');
  const row = (code: string) =>
    page.locator('tr[data-member-id]', { has: page.getByRole('cell', { name: code, exact: true }) });

  test('signs in, imports a Windows-1252 file after fixing its bad row, corrects, withdraws and erases members', async () => {
    await page.goto(`${api.server.url}/oficina/socias/`);
    await page.fill('input[name=email]', 'faca@tejido.test');
    await page.fill('input[name=password]', PASSWORD);
    await page.getByRole('button', { name: 'Entrar' }).click();
    // Her one bank is chosen for her.
    await expect.poll(() => page.locator('select[name=bankId]').inputValue()).toBe(world.banks.a1);
    await expect.poll(() => page.locator('form#new-member').isVisible()).toBe(true);
    await checkPage(page, 'the empty roster');

    await page.getByRole('link', { name: 'Importar socias desde Excel' }).click();
    await expect.poll(() => page.locator('form#import').isVisible()).toBe(true);
    await checkPage(page, 'the import page');
    await page.setInputFiles('form#import input[type=file][name=file]', {
      name: 'socias.csv',
      mimeType: 'text/csv',
      buffer: excelFile({ line: 8, code: 'EX 07' }),
    });
    await page.getByRole('button', { name: 'Revisar el archivo' }).click();
    await expect.poll(() => page.locator('#import-preview tr[data-line]').count()).toBe(40);
    expect(await page.locator('#import-preview tr[data-line="8"] td.problem').textContent()).toBe(
      'Línea 8: el código «EX 07» no sirve. Usa de 1 a 24 letras, números o guiones, sin espacios ni tildes.',
    );
    expect(await page.locator('#import-preview td.problem').count()).toBe(1);
    expect(await page.locator('#import-preview tr[data-line="2"] td').nth(3).textContent()).toBe(
      'Señora Ñahui Huamán 1',
    );
    expect(await page.locator('button#confirm-import').isDisabled()).toBe(true);
    await checkPage(page, 'the preview with a bad row');

    await page.setInputFiles('form#import input[type=file][name=file]', {
      name: 'socias.csv',
      mimeType: 'text/csv',
      buffer: excelFile(),
    });
    await page.getByRole('button', { name: 'Revisar el archivo' }).click();
    await expect.poll(() => page.locator('#import-preview td.problem').count()).toBe(0);
    const confirm = page.locator('button#confirm-import');
    expect(await confirm.isEnabled()).toBe(true);
    expect((await confirm.textContent())?.trim()).toBe('Importar 40 socias');
    // The file waits in the form, not in the address.
    expect(page.url()).not.toContain('content');
    await checkPage(page, 'the preview ready to import');
    await confirm.click();
    await expect.poll(() => rows().count()).toBe(40);
    expect(await page.locator('.notice.done').textContent()).toContain('Se importaron 40 socias.');
    await checkPage(page, 'the roster of 40');

    // Correct one.
    await page.getByRole('link', { name: 'Editar a EX-05' }).click();
    await expect.poll(() => page.locator('form#edit-member').isVisible()).toBe(true);
    await checkPage(page, 'the member card');
    await page.fill('form#edit-member input[name=displayName]', 'Rosa Quispe Tito');
    await page.getByRole('button', { name: 'Guardar cambios' }).click();
    await expect.poll(() => page.locator('.notice.done').textContent()).toContain('Se guardaron los cambios.');
    expect(await row('EX-05').locator('td').nth(1).textContent()).toBe('Rosa Quispe Tito');

    // A code another woman has is refused in Spanish, and what she typed stays in the form.
    await page.getByRole('link', { name: 'Editar a EX-09' }).click();
    await page.fill('form#edit-member input[name=memberCode]', 'ex-10');
    await page.getByRole('button', { name: 'Guardar cambios' }).click();
    await expect
      .poll(() => page.locator('.notice.error').textContent())
      .toContain('El código «ex-10» ya es de otra socia de este banco.');
    expect(await page.locator('form#edit-member input[name=memberCode]').inputValue()).toBe('ex-10');
    await checkPage(page, 'a refused correction');

    // Withdraw one.
    await page.getByRole('link', { name: 'Editar a EX-06' }).click();
    await page.fill('form#withdraw-member input[name=withdrawnOn]', '2026-05-01');
    await page.getByRole('button', { name: 'Dar de baja' }).click();
    await expect.poll(() => page.locator('.notice.done').textContent()).toContain('Se anotó la baja.');
    expect(await row('EX-06').getAttribute('data-withdrawn')).toBe('true');

    // Erase one: a confirmation says what goes and what stays.
    await page.getByRole('link', { name: 'Editar a EX-07' }).click();
    await page.locator('#start-erase').click();
    const confirmation = page.locator('#erase-confirm');
    await expect.poll(() => confirmation.isVisible()).toBe(true);
    const said = await confirmation.textContent();
    expect(said).toContain('Señora Ñahui Huamán 7');
    expect(said).toContain('Se borra: su nombre, su código');
    expect(said).toContain('Se guarda: sus asistencias');
    await checkPage(page, 'the erase confirmation');
    await page.locator('button#confirm-erase').click();
    await expect.poll(() => page.locator('.notice.done').textContent()).toContain('Se borraron sus datos.');
    expect(await rows().count()).toBe(39);
    expect(await page.content()).not.toContain('Señora Ñahui Huamán 7<');

    // Add one by hand.
    await page.fill('form#new-member input[name=memberCode]', 'EX-41');
    await page.fill('form#new-member input[name=displayName]', 'Juana Ccori');
    await page.fill('form#new-member input[name=enrolledOn]', '2026-04-01');
    await page.getByRole('button', { name: 'Agregar socia' }).click();
    await expect.poll(() => rows().count()).toBe(40);

    // Her record, to print: what we keep about her.
    await row('EX-01')
      .getByRole('link', { name: /Ficha de EX-01/ })
      .click();
    await expect.poll(() => page.locator('h1').textContent()).toContain('Lo que guardamos sobre ti');
    const record = await page.locator('.member-record').textContent();
    expect(record).toContain('Señora Ñahui Huamán 1');
    expect(record).toContain('Tus reuniones');
    await checkPage(page, 'her record');
    mkdirSync(join(projectRoot, 'test-results'), { recursive: true });
    await page.screenshot({ path: join(projectRoot, 'test-results', 'roster-record-360x640.png') });
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.office-menu').isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });

    // The same pages in English.
    await page.goto(`${api.server.url}/en/oficina/socias/`);
    await expect.poll(() => page.locator('h1').textContent()).toContain('Members');
    await checkPage(page, 'the English roster');
    await page.goto(`${api.server.url}/en/oficina/socias/importar/?bankId=${world.banks.a1}`);
    await checkPage(page, 'the English import page');
  });

  test('the admin sees the roster and a woman’s record, without her attendance', async () => {
    const admin = await browser.newPage({ viewport: { width: 360, height: 640 } });
    await admin.goto(`${api.server.url}/oficina/socias/?bankId=${world.banks.a1}`);
    await admin.fill('input[name=email]', 'admin@tejido.test');
    await admin.fill('input[name=password]', PASSWORD);
    await admin.getByRole('button', { name: 'Entrar' }).click();
    await expect.poll(() => admin.locator('tr[data-member-id]').count()).toBe(40);
    expect(await admin.locator('select[name=bankId] option').count()).toBe(3);
    await admin
      .locator('tr[data-member-id]')
      .first()
      .getByRole('link', { name: /^Ficha/ })
      .click();
    await expect.poll(() => admin.locator('.member-record').isVisible()).toBe(true);
    expect(await admin.locator('.member-record').textContent()).not.toContain('Tus reuniones');
    expect(await admin.locator('#record-sessions-table').count()).toBe(0);
    expect(await seriousViolations(admin)).toEqual([]);
    await admin.close();
  });
});
