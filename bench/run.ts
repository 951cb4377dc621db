// `npm run bench`: one table of measured figures. Run after `npm install`; it builds the site itself.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sessionsOfManual } from '../src/curriculum/resolve.ts';
import { launchChromium } from '../test/support/browser.ts';
import { sourceCurriculum } from '../test/support/built-site.ts';
import { projectRoot } from '../test/support/content-root.ts';
import { startServer } from '../test/support/server.ts';
import { firstVisit } from './first-visit.ts';

interface Row {
  figure: string;
  value: string;
  target?: string;
}
const rows: Row[] = [];
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

// Build time: the whole site, content check and search index included, from a cold Astro cache.
const started = performance.now();
const build = spawnSync(join(projectRoot, 'node_modules/.bin/astro'), ['build'], { cwd: projectRoot, encoding: 'utf8', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
if (build.status !== 0) {
  process.stderr.write(build.stdout + build.stderr);
  process.exit(1);
}
rows.push({ figure: 'Build time (`astro build`, whole site)', value: `${((performance.now() - started) / 1000).toFixed(1)} s` });

const curriculum = sourceCurriculum();
const session = sessionsOfManual(curriculum, 'genero-y-violencia').find((s) => s.touchesViolence) ?? curriculum.sessions[0];
if (!session) throw new Error('no session to measure');

const server = await startServer();
const browser = await launchChromium();
try {
  const transfers = await firstVisit(browser, `${server.url}/${session.slug}/`);
  const sum = (kind: string, key: 'raw' | 'gzip') => transfers.filter((t) => kind === 'all' ? t.kind !== 'other' : t.kind === kind).reduce((n, t) => n + t[key], 0);
  for (const kind of ['html', 'css', 'js'] as const) {
    rows.push({ figure: `First visit to a session page: ${kind.toUpperCase()} (raw / gzip)`, value: `${kb(sum(kind, 'raw'))} / ${kb(sum(kind, 'gzip'))}` });
  }
  rows.push({ figure: `First visit to a session page: total HTML+CSS+JS (raw / gzip), ${transfers.filter((t) => t.kind !== 'other').length} requests`, value: `${kb(sum('all', 'raw'))} / ${kb(sum('all', 'gzip'))}`, target: '< 40 KB gzip' });
  rows.push({ figure: 'Page measured', value: `/${session.slug}/` });
} finally {
  await browser.close();
  await server.stop();
}

const width = Math.max(...rows.map((r) => r.figure.length));
const valueWidth = Math.max(...rows.map((r) => r.value.length));
console.log(`| ${'figure'.padEnd(width)} | ${'value'.padEnd(valueWidth)} | target |`);
console.log(`| ${'-'.repeat(width)} | ${'-'.repeat(valueWidth)} | ------ |`);
for (const r of rows) console.log(`| ${r.figure.padEnd(width)} | ${r.value.padEnd(valueWidth)} | ${r.target ?? ''} |`);
