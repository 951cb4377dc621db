import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateSW } from 'workbox-build';
import type { Browser } from 'playwright-core';
import { checkContent } from '../../src/curriculum/check.ts';
import { sessionsOfManual } from '../../src/curriculum/resolve.ts';
import { siteLanguages } from '../../src/curriculum/schemas/organisation.ts';
import { precachedFiles, serviceWorkerOptions } from '../../src/field-app/precache.ts';
import { launchChromium } from '../support/browser.ts';
import { clientDir, distDir, sourceCurriculum } from '../support/built-site.ts';
import { projectRoot } from '../support/content-root.ts';
import { startServer, type RunningServer } from '../support/server.ts';

const session = sessionsOfManual(sourceCurriculum(), 'genero-y-violencia')[0];
const { organisation } = checkContent(projectRoot);
const translationPaths = organisation ? siteLanguages(organisation).slice(1).map((l) => l.code) : [];

describe('the offline copy in the build', () => {
  const urls = precachedFiles(clientDir).map((f) => f.url);

  test('holds every page in the default language, the attendance screen and the search index', () => {
    const curriculum = sourceCurriculum();
    for (const s of curriculum.sessions) expect(urls).toContain(`${s.slug}/index.html`);
    for (const m of curriculum.manuals) expect(urls).toContain(`${m.slug}/index.html`);
    expect(urls).toContain('asistencia/index.html');
    expect(urls).toContain('index.html');
    expect(urls).toContain('pagefind/pagefind.js');
    expect(urls.filter((u) => u.endsWith('.pf_fragment')).length).toBeGreaterThan(curriculum.sessions.length);
    expect(urls.some((u) => u.startsWith('_astro/') && u.endsWith('.css'))).toBe(true);
  });

  test('never holds the API, translations (cached when opened) or the Pagefind UI Starlight does not load', () => {
    expect(urls.filter((u) => u.startsWith('api/'))).toEqual([]);
    for (const path of translationPaths) {
      expect(urls.filter((u) => u.startsWith(`${path}/`))).toEqual([]);
      expect(urls.filter((u) => new RegExp(`^pagefind/(index|filter|fragment)/${path}_|^pagefind/wasm\\.${path}\\.`).test(u))).toEqual([]);
    }
    expect(urls.filter((u) => /pagefind-(component|modular)?-?ui/.test(u))).toEqual([]);
  });

  test('every page links the web manifest, named from the organisation config', () => {
    const manifest = JSON.parse(readFileSync(join(clientDir, 'manifest.webmanifest'), 'utf8'));
    expect(manifest.short_name).toBe(organisation?.shortName);
    expect(manifest.theme_color).toBe(organisation?.colours.primary);
    expect(readFileSync(join(clientDir, session?.slug ?? '', 'index.html'), 'utf8')).toContain('<link rel="manifest" href="/manifest.webmanifest"');
  });
});

describe('a new version of the manuals', () => {
  let copy: string;
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    // A copy of the build that can be "published again" while the server runs. It sits next to
    // the build (dist-*/ is ignored by git) so the server still finds node_modules.
    copy = mkdtempSync(`${distDir}-update-`);
    cpSync(distDir, copy, { recursive: true });
    const previous = process.env.TEJIDO_DIST;
    process.env.TEJIDO_DIST = relative(projectRoot, copy);
    try {
      [server, browser] = await Promise.all([startServer(), launchChromium()]);
    } finally {
      process.env.TEJIDO_DIST = previous;
    }
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (copy && existsSync(copy)) rmSync(copy, { recursive: true, force: true });
  });

  test('is offered with "Hay una nueva versión" and taken only when the facilitator taps Actualizar', async () => {
    if (!session) throw new Error('no session');
    const page = await browser.newPage({ viewport: { width: 360, height: 640 } });
    const url = `${server.url}/${session.slug}/`;
    await page.goto(url);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    expect(await page.locator('#tejido-update').count(), 'no note on the first install').toBe(0);

    // Publish: one session page changes, the service worker is generated again.
    const file = join(copy, 'client', session.slug, 'index.html');
    writeFileSync(file, readFileSync(file, 'utf8').replace('</h1>', '</h1><p id="v2">Versión 2</p>'));
    await generateSW(serviceWorkerOptions(join(copy, 'client'), { translationPaths }));

    await page.reload();
    await expect.poll(() => page.locator('#tejido-update').isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await page.locator('#tejido-update').textContent()).toContain('Hay una nueva versión');
    // Until she taps, every page is the old version, whole.
    expect(await page.locator('#v2').count()).toBe(0);
    await page.goto(url);
    expect(await page.locator('#v2').count()).toBe(0);

    await expect.poll(() => page.locator('#tejido-update button').isVisible(), { timeout: 20_000 }).toBe(true);
    await page.locator('#tejido-update button').click();
    await expect.poll(() => page.locator('#v2').count(), { timeout: 20_000 }).toBe(1);
    await page.close();
  });
});
