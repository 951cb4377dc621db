import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Request } from 'playwright-core';
import { checkContent } from '../../src/curriculum/check.ts';
import { sessionsOfManual } from '../../src/curriculum/resolve.ts';
import { writeOfflineCopies } from '../../src/field-app/offline/build.ts';
import type { ProgrammeCopy } from '../../src/field-app/offline/manifest.ts';
import { launchChromium } from '../support/browser.ts';
import { clientDir, distDir, sourceCurriculum } from '../support/built-site.ts';
import { projectRoot } from '../support/content-root.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { saveProgrammeCopy } from './field-world.ts';

const session = sessionsOfManual(sourceCurriculum(), 'genero-y-violencia')[0];
const { organisation } = checkContent(projectRoot);

describe('the service worker in the build', () => {
  const worker = readFileSync(join(clientDir, 'sw.js'), 'utf8');
  const config = JSON.parse(/^const CONFIG = (.*);$/m.exec(worker)?.[1] ?? '{}');

  test('installs only a small core: the offline page and the attendance screen (both languages) with what they load', () => {
    const urls: string[] = config.core.map((f: { url: string }) => f.url);
    expect(urls).toContain('/sin-senal/');
    expect(urls).toContain('/asistencia/');
    expect(urls.filter((u) => u.endsWith('/'))).toEqual(['/asistencia/', '/en/asistencia/', '/sin-senal/']);
    const scripts = (page: string) =>
      [
        ...readFileSync(join(clientDir, page, 'index.html'), 'utf8').matchAll(/<script[^>]*src="(\/_astro\/[^"]+)"/g),
      ].map((m) => m[1]!);
    for (const asset of scripts('asistencia')) expect(urls).toContain(asset);
    // The English screen is the same app: it loads the very same files, so it adds only its HTML.
    expect(scripts('en/asistencia')).toEqual(scripts('asistencia'));
    expect(urls.filter((u) => u.startsWith('/api/') || u.startsWith('/pagefind/'))).toEqual([]);
  });

  test('every page links the web manifest, named from the organisation config', () => {
    const manifest = JSON.parse(readFileSync(join(clientDir, 'manifest.webmanifest'), 'utf8'));
    expect(manifest.short_name).toBe(organisation?.shortName);
    expect(manifest.theme_color).toBe(organisation?.colours.primary);
    // Its shortcut is named like the sidebar's link, from content/i18n/ (no interface word in code).
    const es = JSON.parse(readFileSync(join(projectRoot, 'content/i18n/es.json'), 'utf8'));
    expect(manifest.shortcuts).toEqual([{ name: es['tejido.sidebar.attendance'], url: '/asistencia/' }]);
    expect(readFileSync(join(clientDir, session?.slug ?? '', 'index.html'), 'utf8')).toContain(
      '<link rel="manifest" href="/manifest.webmanifest"',
    );
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

  test('is offered with "Hay una nueva versión", re-downloads only what changed, and is taken only when she taps Actualizar', async () => {
    if (!session) throw new Error('no session');
    const context = await browser.newContext({ viewport: { width: 360, height: 640 } });
    const workerRequests: string[] = [];
    context.on('request', (r: Request) => void (r.serviceWorker() && workerRequests.push(new URL(r.url()).pathname)));
    const page = await context.newPage();
    const url = `${server.url}/${session.slug}/`;
    await saveProgrammeCopy(page, url);
    expect(await page.locator('#tejido-update').count(), 'no note on the first install').toBe(0);
    const client = join(copy, 'client');
    const manifestFile = join(client, 'offline', `${session.programme}.json`);

    // Publish: one session page changes; the manifests and the worker are written again.
    const file = join(client, session.slug, 'index.html');
    writeFileSync(file, readFileSync(file, 'utf8').replace('</h1>', '</h1><p id="v2">Versión 2</p>'));
    writeOfflineCopies(client, sourceCurriculum());
    workerRequests.length = 0;

    await page.reload();
    await expect.poll(() => page.locator('#tejido-update').isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await page.locator('#tejido-update').textContent()).toContain('Hay una nueva versión');
    // The new version fetched its manifest and the one page that changed; every other file was copied on the phone.
    // (/sw.js is the browser's own update check.)
    expect([...new Set(workerRequests)].filter((u) => u !== '/sw.js').sort()).toEqual(
      [`/${session.slug}/`, `/offline/${session.programme}.json`].sort(),
    );
    // Until she taps, every page is the old version, whole.
    expect(await page.locator('#v2').count()).toBe(0);
    await page.goto(url);
    expect(await page.locator('#v2').count()).toBe(0);

    await expect.poll(() => page.locator('#tejido-update button').isVisible(), { timeout: 20_000 }).toBe(true);
    await page.locator('#tejido-update button').click();
    await expect.poll(() => page.locator('#v2').count(), { timeout: 20_000 }).toBe(1);
    // The old version's caches are gone; the saved programme is whole in the new one, offline too.
    const saved = JSON.parse(readFileSync(manifestFile, 'utf8')) as ProgrammeCopy;
    expect(await page.evaluate(async () => (await caches.keys()).sort())).toEqual([
      `tejido:core:${saved.version}`,
      `tejido:programa:${session.programme}:${saved.version}`,
    ]);
    await context.setOffline(true);
    await page.goto(url);
    expect(await page.locator('#v2').count()).toBe(1);
    await context.close();
    // Publishing rewrites every manifest (brotli of each file): slow on a busy 2-core machine.
  }, 180_000);

  test('a new version whose files cannot all be fetched is not offered: the saved copy stays the old one, whole', async () => {
    if (!session) throw new Error('no session');
    const context = await browser.newContext({ viewport: { width: 360, height: 640 } });
    const page = await context.newPage();
    const url = `${server.url}/${session.slug}/`;
    await saveProgrammeCopy(page, url);
    const before = await page.evaluate(async () => (await caches.keys()).sort());
    const client = join(copy, 'client');
    const file = join(client, session.slug, 'index.html');
    writeFileSync(file, readFileSync(file, 'utf8').replace('</h1>', '</h1><p id="v3">Versión 3</p>'));
    writeOfflineCopies(client, sourceCurriculum());
    // A deploy caught half-way: the manifest lists a file the server does not have (yet).
    const manifestFile = join(client, 'offline', `${session.programme}.json`);
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as ProgrammeCopy;
    manifest.files.push({ url: '/_astro/not-deployed-yet.js', revision: '0123456789abcdef', bytes: 10 });
    writeFileSync(manifestFile, JSON.stringify(manifest));

    await page.reload();
    await page.waitForTimeout(5000);
    expect(await page.locator('#tejido-update').count()).toBe(0);
    expect(await page.evaluate(async () => (await caches.keys()).sort())).toEqual(before);
    await context.setOffline(true);
    await page.goto(url);
    expect(await page.locator('h1').first().textContent()).toContain(session.title);
    expect(await page.locator('#v3').count()).toBe(0);
    await context.close();
  }, 180_000);
});
