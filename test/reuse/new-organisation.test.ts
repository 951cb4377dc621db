import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { checkContent } from '../../src/curriculum/check.ts';
import { projectRoot } from '../support/content-root.ts';

// `npm run new-organisation` into a temporary folder, then built like the real site into its own
// outDir and cacheDir. One session's upstream has moved on (its snapshot gets a next version), as when this
// curriculum publishes a safety fix after the copy was made.
const work = mkdtempSync(join(tmpdir(), 'tejido-neworg-build-'));
const root = join(work, 'caja-andina');
const outDir = 'dist-fixture-neworg';
const page = (slug: string) => readFileSync(join(projectRoot, outDir, 'client', slug, 'index.html'), 'utf8');
const astro = join(projectRoot, 'node_modules/.bin/astro');
const env = (contentRoot: string) => ({
  ...process.env,
  TEJIDO_CONTENT_ROOT: contentRoot,
  TEJIDO_CACHE_DIR: join(work, 'cache'),
  ASTRO_TELEMETRY_DISABLED: '1',
});
let buildOutput = '';
// The upstream's version of session 2 today (it moves as the curriculum is revised), and the next one.
const V = checkContent(projectRoot).curriculum!.sessions.find((s) => s.id === 'gv-roles-de-genero')!.version;
const NEXT = `${V.split('.')[0]}.${Number(V.split('.')[1]) + 1}`;

beforeAll(() => {
  const cli = spawnSync(
    process.execPath,
    [
      'src/curriculum/cli/new-organisation.ts',
      '--name',
      'Caja Andina',
      '--country',
      'BO',
      '--dir',
      root,
      '--manuals',
      'gv',
    ],
    { cwd: projectRoot, encoding: 'utf8' },
  );
  if (cli.status !== 0) throw new Error(`npm run new-organisation failed:\n${cli.stdout}${cli.stderr}`);
  const file = join(root, 'content/upstream/tejido.json');
  const snapshot = JSON.parse(readFileSync(file, 'utf8'));
  const roles = snapshot.sessions.find((s: { id: string }) => s.id === 'gv-roles-de-genero');
  roles.version = NEXT;
  // The history as far as the adapted version, then the one new version.
  roles.changes = roles.changes.filter(
    (c: { version: string }) => c.version.localeCompare(V, 'en', { numeric: true }) <= 0,
  );
  roles.changes.push({ version: NEXT, date: '2026-12-02', summary: 'Nuevo paso de seguridad.' });
  writeFileSync(file, JSON.stringify(snapshot, null, 2));
  rmSync(join(projectRoot, outDir), { recursive: true, force: true });
  const build = spawnSync(astro, ['build', '--outDir', `./${outDir}`], {
    cwd: projectRoot,
    encoding: 'utf8',
    env: env(root),
  });
  buildOutput = build.stdout + build.stderr;
  if (build.status !== 0) throw new Error(`the new organisation did not build:\n${buildOutput.slice(-4000)}`);
}, 300_000);

describe('a new organisation made with one command', () => {
  test('the command printed the next steps and the copy checks clean', () => {
    expect(checkContent(root).errors).toEqual([]);
  });

  test('builds at once; the build warns that one upstream moved on, naming file and change', () => {
    expect(buildOutput).toContain(
      '[tejido] warning: content/docs/imagen-peru/genero-y-violencia/roles-de-genero.mdx › session.adaptedFrom.version: ' +
        `adapts tejido/gv-roles-de-genero ${V} but the upstream is now ${NEXT} (${NEXT}: Nuevo paso de seguridad.)`,
    );
    // Each starter service × 5 fields, 2 limits, 1 reporting duty × 2 fields, 1 sentence of the script.
    const services = [...readFileSync(join(root, 'content/referrals/bo.yaml'), 'utf8').matchAll(/^  - key: /gm)].length;
    expect(buildOutput.match(/\[tejido\] warning: content\/referrals\/bo\.yaml › .*POR COMPLETAR/g)).toHaveLength(
      services * 5 + 5,
    );
  });

  test('its home page is its own, and an adapted session page credits this curriculum (FINCA Perú)', () => {
    expect(page('')).toContain('<title>Caja Andina');
    const html = page('imagen-peru/genero-y-violencia/roles-de-genero');
    const start = html.indexOf('<p class="adapted-from"');
    expect(start).toBeGreaterThan(-1);
    const credit = html.slice(start, html.indexOf('</p>', start));
    expect(credit).toContain(`data-upstream="tejido/gv-roles-de-genero@${V}"`);
    expect(credit).toContain(
      `Adaptado de «Sesión 2: Ser mujer, ser hombre en la casa y en la chacra» (versión ${V}), de FINCA Perú`,
    );
    expect(credit).toContain('CC-BY-SA-4.0');
    expect(credit).toContain('RADAR');
    const credits = page('creditos');
    expect(credits.match(/<p class="session-credits" data-upstream="tejido\//g)).toHaveLength(7);
    expect(credits).toContain(
      `adaptado de «Sesión 2: Ser mujer, ser hombre en la casa y en la chacra» (versión ${V}), de FINCA Perú`,
    );
  });

  test('the adaptations page lists all 7 sessions, one outdated with what changed upstream', () => {
    const html = page('adaptaciones');
    expect(html).toContain('7 sesiones adaptadas · 1 desactualizadas');
    expect(html.match(/<tr data-session=/g)).toHaveLength(7);
    const row = html.slice(html.indexOf('data-session="gv-roles-de-genero"'));
    expect(row.slice(0, row.indexOf('</tr>'))).toContain('data-state="outdated"');
    expect(row.slice(0, row.indexOf('</tr>'))).toContain(`${NEXT} (2026-12-02): Nuevo paso de seguridad.`);
    expect(html.match(/data-state="current"/g)).toHaveLength(6);
  });

  test('the panel marks the core steps as «esencial», with the reason', () => {
    const html = page('imagen-peru/genero-y-violencia/roles-de-genero');
    const agenda = html.slice(
      html.indexOf('<ol class="prepare-agenda"'),
      html.indexOf('</ol>', html.indexOf('<ol class="prepare-agenda"')),
    );
    expect(agenda.match(/<li data-core="true"/g)).toHaveLength(3);
    expect(agenda.match(/class="step-core-reason"/g)).toHaveLength(2);
  });

  test('its safety boxes say POR COMPLETAR where only the organisation knows the facts, never a Peruvian number', () => {
    const html = page('imagen-peru/genero-y-violencia/violencia-no-es-normal');
    const start = html.indexOf('<aside class="safety"');
    const box = html.slice(start, html.indexOf('</aside>', start));
    expect(box).toContain('POR COMPLETAR');
    expect(box).not.toContain('Línea 100</strong>');
  });
});

test('a copy that drops a core step without a reason does not build, and says file, step and upstream', () => {
  const broken = join(work, 'rota');
  const cli = spawnSync(
    process.execPath,
    [
      'src/curriculum/cli/new-organisation.ts',
      '--name',
      'Caja Rota',
      '--country',
      'BO',
      '--dir',
      broken,
      '--manuals',
      'genero-y-violencia',
    ],
    { cwd: projectRoot, encoding: 'utf8' },
  );
  expect(cli.status).toBe(0);
  const file = join(broken, 'content/docs/imagen-peru/genero-y-violencia/quien-decide.mdx');
  const text = readFileSync(file, 'utf8');
  // The participatory dialogue (10 min) goes; its minutes go to the next step so only the core rule breaks.
  const dialogue = /    - title: ¿Quién decide en las casas de la comunidad\?\n(      .*\n)+?(?=    - )/;
  const minutes = Number(/minutes: (\d+)/.exec(dialogue.exec(text)![0])![1]);
  const edited = text
    .replace(dialogue, '')
    .replace(
      /(    - title: El tiempo de las mujeres\n      minutes: )(\d+)/,
      (_, head, m) => `${head}${Number(m) + minutes}`,
    )
    .replace(/\n {2}shortVersion:\n( {4}.*\n)+/, '\n');
  writeFileSync(file, edited);
  const build = spawnSync(astro, ['build', '--outDir', './dist-fixture-neworg-broken'], {
    cwd: projectRoot,
    encoding: 'utf8',
    env: env(broken),
  });
  expect(build.status).not.toBe(0);
  expect(build.stdout + build.stderr).toContain(
    'content/docs/imagen-peru/genero-y-violencia/quien-decide.mdx › session.agenda: the core step ' +
      `«¿Quién decide en las casas de la comunidad?» of tejido/gv-quien-decide ${V}` +
      ' is missing; keep it or declare its removal in session.adaptedFrom.removedCore with a reason',
  );
  expect(build.stdout + build.stderr).toContain('The curriculum content has 1 error:');
}, 120_000);
