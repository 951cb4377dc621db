import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sessionsOfManual } from '../src/curriculum/resolve.ts';
import { launchChromium } from '../test/support/browser.ts';
import { sourceCurriculum } from '../test/support/built-site.ts';
import { projectRoot } from '../test/support/content-root.ts';
import { startServer } from '../test/support/server.ts';
import { firstVisit } from './first-visit.ts';
import { benchWire } from './wire.ts';
import { kb, type Row } from './table.ts';

/** Build time of the whole site, then what a first visit to a session page downloads. */
export async function benchSite(): Promise<Row[]> {
  const rows: Row[] = [];
  const started = performance.now();
  const build = spawnSync(join(projectRoot, 'node_modules/.bin/astro'), ['build'], {
    cwd: projectRoot,
    encoding: 'utf8',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
  });
  if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}${build.stderr}`);
  rows.push({
    figure: 'Build time (`astro build`, whole site)',
    value: `${((performance.now() - started) / 1000).toFixed(1)} s`,
  });

  const curriculum = sourceCurriculum();
  const session =
    sessionsOfManual(curriculum, 'genero-y-violencia').find((s) => s.touchesViolence) ?? curriculum.sessions[0];
  if (!session) throw new Error('no session to measure');
  const server = await startServer();
  const browser = await launchChromium();
  try {
    const transfers = await firstVisit(browser, `${server.url}/${session.slug}/`);
    const counted = transfers.filter((t) => t.kind !== 'other');
    const sum = (kind: string, key: 'raw' | 'gzip') =>
      counted.filter((t) => kind === 'all' || t.kind === kind).reduce((n, t) => n + t[key], 0);
    for (const kind of ['html', 'css', 'js'] as const) {
      rows.push({
        figure: `First visit to a session page: ${kind.toUpperCase()} (raw / gzip)`,
        value: `${kb(sum(kind, 'raw'))} / ${kb(sum(kind, 'gzip'))}`,
      });
    }
    rows.push({
      figure: `First visit to a session page: HTML+CSS+JS, ${counted.length} requests (bodies raw / gzip)`,
      value: `${kb(sum('all', 'raw'))} / ${kb(sum('all', 'gzip'))}`,
    });
    rows.push({ figure: 'Page measured', value: `/${session.slug}/` });
    const sessions = sessionsOfManual(curriculum, session.manual);
    const second = sessions.find((s) => s.id !== session.id) ?? session;
    rows.push(
      ...(await benchWire(browser, server.url, {
        first: `/${session.slug}/`,
        second: `/${second.slug}/`,
        saveFrom: `/${session.slug}/`,
        programme: session.programme,
      })),
    );
  } finally {
    await browser.close();
    await server.stop();
  }
  return rows;
}
