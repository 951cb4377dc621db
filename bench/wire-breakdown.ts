// `npx node bench/wire-breakdown.ts [first] [second]`: after a build, each resource of a first and a second
// session page visit on the wire (DevTools' encoded sizes, headers included), to see where the bytes go.
import type { Page } from 'playwright-core';
import { sessionsOfManual } from '../src/curriculum/resolve.ts';
import { launchChromium } from '../test/support/browser.ts';
import { sourceCurriculum } from '../test/support/built-site.ts';
import { startServer } from '../test/support/server.ts';
import { CountingProxy } from './wire.ts';

const curriculum = sourceCurriculum();
const sessions = sessionsOfManual(curriculum, 'genero-y-violencia');
const session = sessions.find((s) => s.touchesViolence) ?? sessions[0];
const other = sessions.find((s) => s.id !== session?.id);
const first = process.argv[2] ?? `/${session?.slug}/`;
const second = process.argv[3] ?? `/${other?.slug}/`;

async function visit(page: Page, proxy: CountingProxy, path: string) {
  const cdp = await page.context().newCDPSession(page);
  const rows: { url: string; type: string; bytes: number; cached: boolean }[] = [];
  const urls = new Map<string, { url: string; type: string; cached: boolean }>();
  cdp.on('Network.responseReceived', (e) =>
    urls.set(e.requestId, {
      url: new URL(e.response.url).pathname,
      type: e.type,
      cached: Boolean(e.response.fromDiskCache),
    }),
  );
  cdp.on('Network.loadingFinished', (e) => {
    const seen = urls.get(e.requestId);
    if (seen) rows.push({ ...seen, bytes: e.encodedDataLength });
  });
  await cdp.send('Network.enable');
  const total = await proxy.count(async () => {
    await page.goto(proxy.url + path);
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(2000);
  });
  await cdp.detach();
  console.log(`\n${path}: ${(total / 1024).toFixed(1)} KB on the wire`);
  for (const r of rows)
    console.log(
      `  ${(r.bytes / 1024).toFixed(1).padStart(6)} KB  ${r.type.padEnd(11)} ${r.cached ? '(cache) ' : ''}${r.url}`,
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
} finally {
  await proxy.stop();
  await browser.close();
  await server.stop();
}
