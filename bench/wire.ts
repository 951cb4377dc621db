import { createServer, connect, type Server } from 'node:net';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { kb, type Row } from './table.ts';

/**
 * Bytes on the wire, as a phone pays them: a TCP proxy in front of the server counts every byte
 * the server sends back (status lines, headers and bodies, compressed as sent), whoever asked —
 * the page or its service worker. A proxy rather than Chromium's DevTools events: those are per
 * target, and a service worker's target appears only once it runs, after its first fetches.
 */
export class CountingProxy {
  received = 0;
  private readonly server: Server;
  readonly url: string;
  private constructor(server: Server, url: string) {
    this.server = server;
    this.url = url;
  }

  static async start(upstream: string): Promise<CountingProxy> {
    const target = new URL(upstream);
    let proxy: CountingProxy | undefined;
    const server = createServer((client) => {
      const remote = connect(Number(target.port), target.hostname);
      remote.on('data', (chunk: Buffer) => {
        if (proxy) proxy.received += chunk.length;
      });
      client.pipe(remote).on('error', () => client.destroy());
      remote.pipe(client).on('error', () => remote.destroy());
      client.on('error', () => remote.destroy());
      remote.on('error', () => client.destroy());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('proxy has no port');
    proxy = new CountingProxy(server, `http://127.0.0.1:${address.port}`);
    return proxy;
  }

  /** Bytes received while `step` runs. */
  async count(step: () => Promise<unknown>): Promise<number> {
    const before = this.received;
    await step();
    return this.received - before;
  }

  stop() {
    return new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** What each resource of a page weighed on the wire, from the page's own DevTools events (its requests only). */
async function watchResources(
  page: Page,
): Promise<{ cdp: CDPSession; sizes: Map<string, { type: string; bytes: number }> }> {
  const cdp = await page.context().newCDPSession(page);
  const sizes = new Map<string, { type: string; bytes: number }>();
  const urls = new Map<string, { url: string; type: string }>();
  cdp.on(
    'Network.responseReceived',
    (e) => void urls.set(e.requestId, { url: new URL(e.response.url).pathname, type: e.type }),
  );
  cdp.on('Network.loadingFinished', (e) => {
    const seen = urls.get(e.requestId);
    if (seen) sizes.set(seen.url, { type: seen.type, bytes: e.encodedDataLength });
  });
  await cdp.send('Network.enable');
  return { cdp, sizes };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

export interface WirePages {
  /** A session page opened first, on a phone that has never seen the site. */
  first: string;
  /** Another session page, opened right after (Starlight's CSS and JS are then in the phone's cache). */
  second: string;
  /** A page with the "Guardar para usar sin señal" control, and the programme it saves. */
  saveFrom: string;
  programme: string;
}

/** Settles a page: network idle, then a few seconds in which nothing should start downloading. */
const settle = async (page: Page) => {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(2000);
};

async function oneRun(browser: Browser, proxy: CountingProxy, pages: WirePages) {
  const context: BrowserContext = await browser.newContext({
    viewport: { width: 360, height: 640 },
    extraHTTPHeaders: {},
  });
  const page = await context.newPage();
  const { sizes } = await watchResources(page);
  const first = await proxy.count(async () => {
    await page.goto(proxy.url + pages.first);
    await settle(page);
  });
  const breakdown = new Map(sizes);
  const second = await proxy.count(async () => {
    await page.goto(proxy.url + pages.second);
    await settle(page);
  });
  await page.goto(proxy.url + pages.saveFrom);
  await settle(page);
  const copy = await proxy.count(async () => {
    await page.locator('[data-offline-save] [data-save]').click();
    await page.waitForSelector('[data-offline-save][data-state="saved"]', { timeout: 120_000 });
    await settle(page);
  });
  await context.close();
  return { first, second, copy, breakdown };
}

/**
 * Bytes on the wire in Chromium (brotli from the server, headers included, the service worker's
 * traffic too): a first visit to a session page, a second session page, and the offline copy of
 * one programme after she taps "Guardar". Median of `runs` fresh phones.
 */
export async function benchWire(browser: Browser, serverUrl: string, pages: WirePages, runs = 5): Promise<Row[]> {
  const proxy = await CountingProxy.start(serverUrl);
  try {
    const results = [];
    for (let i = 0; i < runs; i++) results.push(await oneRun(browser, proxy, pages));
    const rows: Row[] = [
      {
        figure: `Wire: first visit to a session page (${pages.first}), all bytes, median of ${runs}`,
        value: kb(median(results.map((r) => r.first))),
        target: '≤ 25 KB',
      },
      {
        figure: `Wire: then a second session page (${pages.second})`,
        value: kb(median(results.map((r) => r.second))),
        target: '≤ 10 KB',
      },
      {
        figure: `Wire: offline copy of "${pages.programme}" after "Guardar para usar sin señal"`,
        value: kb(median(results.map((r) => r.copy))),
        target: '≤ 1.5 MB',
      },
    ];
    // What the first visit is made of (the page's own requests, DevTools' encoded sizes, last run).
    const byType = new Map<string, number>();
    for (const { type, bytes } of results.at(-1)?.breakdown.values() ?? [])
      byType.set(type, (byType.get(type) ?? 0) + bytes);
    for (const [type, bytes] of [...byType].sort((a, b) => b[1] - a[1])) {
      const count = [...(results.at(-1)?.breakdown.values() ?? [])].filter((s) => s.type === type).length;
      rows.push({
        figure: `Wire: first visit, ${type} (${count} ${count === 1 ? 'request' : 'requests'})`,
        value: kb(bytes),
      });
    }
    return rows;
  } finally {
    await proxy.stop();
  }
}
