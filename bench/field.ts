import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import type { CopyIndex, ProgrammeCopy } from '../src/field-app/offline/manifest.ts';
import { fileOfUrl } from '../src/field-app/offline/files.ts';
import { INDEX_URL, manifestUrl, SERVICE_WORKER_FILE } from '../src/field-app/offline/names.ts';
import { sessionsOfManual } from '../src/curriculum/resolve.ts';
import { ApiClient } from '../test/support/api-client.ts';
import { launchChromium } from '../test/support/browser.ts';
import { sourceCurriculum } from '../test/support/built-site.ts';
import { projectRoot } from '../test/support/content-root.ts';
import { startServer } from '../test/support/server.ts';
import { kb, type Row } from './table.ts';

const PASSWORD = 'bench-password-2026';
const MEMBERS = 40;
/** A slow rural line: 400 kbit/s each way, 400 ms round trip. */
const SLOW = { offline: false, latency: 400, downloadThroughput: (400 * 1000) / 8, uploadThroughput: (400 * 1000) / 8 };
const OFFLINE = { offline: true, latency: 0, downloadThroughput: -1, uploadThroughput: -1 };

/**
 * The field app's figures for a built site (`distDir`, e.g. dist or dist-field): what each
 * programme's offline copy weighs, and how long 40 attendance records saved without signal take
 * to reach the server once a slow connection comes back (Chromium, network emulated through CDP).
 */
export async function benchField(distDir: string): Promise<Row[]> {
  const dist = resolve(projectRoot, distDir);
  const client = join(dist, 'client');
  const read = <T>(url: string): T => JSON.parse(readFileSync(join(client, url.slice(1)), 'utf8'));
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
  const rows: Row[] = [];
  // Each programme's copy as its manifest lists it: brotli bytes (what the phone downloads) and raw.
  for (const { id } of read<CopyIndex>(INDEX_URL).programmes) {
    const copy = read<ProgrammeCopy>(manifestUrl(id));
    const raw = copy.files.reduce((n, f) => n + statSync(join(client, fileOfUrl(f.url))).size, 0);
    rows.push({
      figure: `Offline copy of "${id}" (${copy.files.length} files, only if she saves it): brotli / raw`,
      value: `${mb(copy.bytes)} / ${mb(raw)}`,
      target: '≤ 1.5 MB',
    });
  }
  rows.push({
    figure: 'Service worker (hand-written, its core list inlined): raw',
    value: kb(statSync(join(client, SERVICE_WORKER_FILE)).size),
  });
  rows.push({
    figure: `Sync of ${MEMBERS} attendance records at 400 kbit/s, 400 ms RTT (offline → online → "enviado")`,
    value: `${(await timeSlowSync(dist)).toFixed(0)} ms`,
    target: '< 5 s',
  });
  return rows;
}

async function timeSlowSync(dist: string): Promise<number> {
  // The test helpers find the server under the project root through TEJIDO_DIST.
  const previous = process.env.TEJIDO_DIST;
  process.env.TEJIDO_DIST = relative(projectRoot, dist);
  const server = await startServer().finally(() => {
    if (previous === undefined) delete process.env.TEJIDO_DIST;
    else process.env.TEJIDO_DIST = previous;
  });
  const browser = await launchChromium();
  try {
    execFileSync(
      process.execPath,
      [
        join(projectRoot, 'src/attendance/cli/admin.ts'),
        'create-admin',
        '--email',
        'admin@bench.test',
        '--name',
        'Admin',
        '--password-stdin',
      ],
      {
        cwd: projectRoot,
        env: { ...process.env, DATA_DIR: server.dataDir },
        input: PASSWORD,
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    const admin = await ApiClient.signedIn(server.url, 'admin@bench.test', PASSWORD);
    const regionId = randomUUID();
    const bankId = randomUUID();
    await admin.post('/api/v1/regions', { id: regionId, code: 'R1', name: 'Región' });
    const { user } = (
      await admin.post('/api/v1/users', {
        email: 'fac@bench.test',
        displayName: 'Facilitadora',
        role: 'facilitator',
        password: PASSWORD,
      })
    ).body;
    await admin.post('/api/v1/banks', { id: bankId, regionId, code: 'BC-1', name: 'Banco', facilitatorId: user.id });
    const facilitator = await ApiClient.signedIn(server.url, 'fac@bench.test', PASSWORD);
    const members = Array.from({ length: MEMBERS }, (_, i) => ({
      id: randomUUID(),
      memberCode: `S-${String(i + 1).padStart(4, '0')}`,
      displayName: `Socia ${i + 1}`,
      enrolledOn: '2026-03-01',
    }));
    const saved = await facilitator.post(`/api/v1/banks/${bankId}/members`, { members });
    if (saved.status !== 200) throw new Error(`bench seed failed: ${saved.text}`);

    const context = await browser.newContext({ viewport: { width: 360, height: 640 } });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await signIn(page, server.url);

    await cdp.send('Network.emulateNetworkConditions', OFFLINE);
    const session = sessionsOfManual(sourceCurriculum(), 'genero-y-violencia')[0];
    await page.selectOption('#session', session?.id ?? '');
    await page.fill('#date', '2026-05-12');
    const buttons = page.locator('#roster button.member');
    for (let i = 0; i < MEMBERS; i += 1) if (i % 4 !== 3) await buttons.nth(i).click();
    await page.locator('#save').click();
    await page.waitForSelector('#queue li[data-status=pending]');

    const started = performance.now();
    await cdp.send('Network.emulateNetworkConditions', SLOW);
    await page.waitForSelector('#queue li[data-status=sent]', { timeout: 60_000 });
    const elapsed = performance.now() - started;
    await context.close();
    return elapsed;
  } finally {
    await browser.close();
    await server.stop();
  }
}

async function signIn(page: Page, baseUrl: string) {
  await page.goto(`${baseUrl}/asistencia/`);
  await page.locator('#sign-in input[name=email]').fill('fac@bench.test');
  await page.locator('#sign-in input[name=password]').fill(PASSWORD);
  await page.locator('#sign-in button[type=submit]').click();
  await page.waitForFunction((n) => document.querySelectorAll('#roster button.member').length === n, MEMBERS);
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
}
