// `npx node bench/wire-breakdown.ts [first] [second] [--runs N]`: after a build, each resource of a first and a
// second session page visit on the wire (DevTools' encoded sizes, headers included; "head" is the response
// headers' share), to see where the bytes go. With --runs, then `npm run bench`'s wire figures (median of N
// fresh phones, the offline copy included) without building again.
import type { Page } from 'playwright-core';
import { sessionsOfManual } from '../src/curriculum/resolve.ts';
import { launchChromium } from '../test/support/browser.ts';
import { sourceCurriculum } from '../test/support/built-site.ts';
import { startServer } from '../test/support/server.ts';
import { printTable } from './table.ts';
import { benchWire, CountingProxy } from './wire.ts';

const curriculum = sourceCurriculum();
const sessions = sessionsOfManual(curriculum, 'genero-y-violencia');
const session = sessions.find((s) => s.touchesViolence) ?? sessions[0];
const other = sessions.find((s) => s.id !== session?.id);
const runsAt = process.argv.indexOf('--runs');
const runs = runsAt > 0 ? Number(process.argv[runsAt + 1]) : 0;
const paths = process.argv.slice(2).filter((a, i, all) => a !== '--runs' && all[i - 1] !== '--runs');
const first = paths[0] ?? `/${session?.slug}/`;
const second = paths[1] ?? `/${other?.slug}/`;

async function visit(page: Page, proxy: CountingProxy, path: string) {
  const cdp = await page.context().newCDPSession(page);
  const rows: { url: string; type: string; bytes: number; head: number; cached: boolean }[] = [];
  const urls = new Map<string, { url: string; type: string; head: number; cached: boolean }>();
  const heads = new Map<string, number>();
  // The status line and headers as they came off the wire (Chromium gives them raw in this event).
  cdp.on('Network.responseReceivedExtraInfo', (e) => void heads.set(e.requestId, (e.headersText ?? '').length));
  cdp.on('Network.responseReceived', (e) =>
    urls.set(e.requestId, {
      url: new URL(e.response.url).pathname,
      type: e.type,
      head: 0,
      cached: Boolean(e.response.fromDiskCache),
    }),
  );
  cdp.on('Network.loadingFinished', (e) => {
    const seen = urls.get(e.requestId);
    if (seen) rows.push({ ...seen, bytes: e.encodedDataLength, head: heads.get(e.requestId) ?? 0 });
  });
  await cdp.send('Network.enable');
  const total = await proxy.count(async () => {
    await page.goto(proxy.url + path);
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(2000);
  });
  await cdp.detach();
  console.log(`\n${path}: ${(total / 1024).toFixed(2)} KB on the wire (${total} bytes)`);
  for (const r of rows.filter((r) => !r.url.startsWith('image/')))
    console.log(
      `  ${String(r.bytes).padStart(6)} B (head ${String(r.head).padStart(3)})  ${r.type.padEnd(11)} ${r.cached ? '(cache) ' : ''}${r.url}`,
    );
}

const server = await startServer();
const browser = await launchChromium();
const proxy = await CountingProxy.start(server.url);
try {
  const context = await browser.newContext({ viewport: { width: 360, height: 640 } });
  const page = await context.newPage();
  await visit(page, proxy, first);
  await visit(page, proxy, second);
  await context.close();
  if (runs > 0) {
    const programme = curriculum.sessions.find((s) => `/${s.slug}/` === first)?.programme ?? '';
    printTable(await benchWire(browser, server.url, { first, second, saveFrom: first, programme }, runs));
  }
} finally {
  await proxy.stop();
  await browser.close();
  await server.stop();
}
