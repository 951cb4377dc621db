import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { projectRoot } from '../test/support/content-root.ts';
import { htmlWeight, sidebarHtml } from '../test/support/built-html.ts';
import { offlineCopies, type OfflineCopy } from './offline-copy.ts';
import { scaledContentRoot } from './scale-content.ts';
import type { Row } from './table.ts';

/** How many builds of each size: the 1× build is cheap enough for a median of 3, the 10× one runs once. */
const RUNS = { 1: 3, 10: 1 } as const;
/** A session page measured at both sizes: the same file in each build. */
const SESSION_PAGE = 'imagen-peru/genero-y-violencia/comunicacion/index.html';

interface Measured {
  seconds: number[];
  html: ReturnType<typeof htmlWeight>;
  copies: OfflineCopy[];
  sessionPage: { bytes: number; sidebarBytes: number };
}

/**
 * Issue 13, item 5: what grows when the curriculum is 10 times larger (every programme cloned
 * 9 more times, bench/scale-content.ts): all the HTML a build writes, the offline copy and the
 * build time, each as 1× / 10× and its ratio. Builds go to their own dist-bench-* folders with
 * their own cache, from a cold cache each time, and never touch dist/.
 */
export async function benchScale(): Promise<Row[]> {
  const one = measure(1);
  const ten = measure(10);
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
  const seconds = (s: number) => `${s.toFixed(1)} s`;
  /** "1× value / 10× value, ratio" for one figure of both builds. */
  const compare = (figure: (m: Measured) => number, format: (n: number) => string) =>
    `${format(figure(one))} / ${format(figure(ten))}, ${(figure(ten) / figure(one)).toFixed(2)}×`;
  const percent = (part: number, whole: number) => `${((part / whole) * 100).toFixed(1)}%`;
  const page = (m: Measured) =>
    `${(m.sessionPage.bytes / 1024).toFixed(1)} KB, ${percent(m.sessionPage.sidebarBytes, m.sessionPage.bytes)}`;
  const copies = `${one.copies.length} → ${ten.copies.length} programme copies`;
  const totalRaw = (m: Measured) => m.copies.reduce((n, c) => n + c.bytes, 0);
  // What the site offers offline, every programme's copy together, each shared file once.
  const distinctRaw = (m: Measured) =>
    [...new Map(m.copies.flatMap((c) => [...c.sizes])).values()].reduce((n, size) => n + size, 0);
  const largestWire = (m: Measured) => Math.max(...m.copies.map((c) => c.wireBytes));
  return [
    {
      figure: `10× curriculum: total HTML, ${one.html.files} → ${ten.html.files} pages (1× / 10×, ratio)`,
      value: compare((m) => m.html.bytes, mb),
      target: '≤ 10×',
    },
    {
      figure: '10× curriculum: sidebars’ share of all HTML (1× / 10×)',
      value: `${percent(one.html.sidebarBytes, one.html.bytes)} / ${percent(ten.html.sidebarBytes, ten.html.bytes)}`,
    },
    {
      figure: `10× curriculum: /${SESSION_PAGE.replace('index.html', '')}, its sidebar's share (1× / 10×)`,
      value: `${page(one)} / ${page(ten)}`,
    },
    {
      figure: `10× curriculum: all offline copies together, ${copies}, distinct files, raw (1× / 10×, ratio)`,
      value: compare(distinctRaw, mb),
      target: '≤ 10×',
    },
    {
      // Each copy repeats the shared files (styles, scripts, the services file): a sum, not what anyone downloads.
      figure: `10× curriculum: the ${copies}' sizes summed, shared files once per copy, raw (1× / 10×, ratio)`,
      value: compare(totalRaw, mb),
    },
    {
      figure: '10× curriculum: largest programme copy, on the wire (brotli; 1× / 10×, ratio)',
      value: compare(largestWire, mb),
      target: '≤ 10×',
    },
    {
      figure: `10× curriculum: build time, cold cache (1× median of ${RUNS[1]}, 10× ${RUNS[10]} run; ratio)`,
      value: compare((m) => median(m.seconds), seconds),
    },
  ];
}

function measure(factor: 1 | 10): Measured {
  const root = scaledContentRoot(projectRoot, factor, join(projectRoot, `dist-bench-content-${factor}x`));
  const outDir = `dist-bench-${factor}x`;
  const clientDir = join(projectRoot, outDir, 'client');
  try {
    const seconds = Array.from({ length: RUNS[factor] }, () => build(root, outDir));
    const page = readFileSync(join(clientDir, SESSION_PAGE), 'utf8');
    return {
      seconds,
      html: htmlWeight(clientDir),
      copies: offlineCopies(clientDir),
      sessionPage: { bytes: Buffer.byteLength(page), sidebarBytes: Buffer.byteLength(sidebarHtml(page)) },
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
    rmSync(join(projectRoot, outDir), { recursive: true, force: true });
  }
}

/** One `astro build` of `root`'s content into `outDir`, from an empty cache; its wall time in seconds. */
function build(root: string, outDir: string): number {
  rmSync(join(projectRoot, outDir), { recursive: true, force: true });
  const cacheDir = mkdtempSync(join(tmpdir(), 'tejido-scale-cache-'));
  try {
    const started = performance.now();
    const result = spawnSync(join(projectRoot, 'node_modules/.bin/astro'), ['build', '--outDir', `./${outDir}`], {
      cwd: projectRoot,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, TEJIDO_CONTENT_ROOT: root, TEJIDO_CACHE_DIR: cacheDir, ASTRO_TELEMETRY_DISABLED: '1' },
    });
    if (result.status !== 0)
      throw new Error(`build of ${root} failed:\n${result.stdout.slice(-3000)}${result.stderr.slice(-3000)}`);
    return (performance.now() - started) / 1000;
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
