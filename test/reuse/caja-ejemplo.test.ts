import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import type { LocalServicesFile } from '../../src/components/local-services/data.ts';
import { checkContent } from '../../src/curriculum/check.ts';
import { fixtures, projectRoot } from '../support/content-root.ts';

// Another MFI's copy: only content/ differs. It is built like the real site, into its own folder.
const root = join(fixtures, 'caja-ejemplo');
const outDir = 'dist-fixture-caja';
const page = (slug: string) => readFileSync(join(projectRoot, outDir, 'client', slug, 'index.html'), 'utf8');

beforeAll(() => {
  rmSync(join(projectRoot, outDir), { recursive: true, force: true });
  const build = spawnSync(join(projectRoot, 'node_modules/.bin/astro'), ['build', '--outDir', `./${outDir}`], {
    cwd: projectRoot,
    encoding: 'utf8',
    // Its own cache: the default one holds the real build's content layer, which test/build/slugs.test.ts reads.
    env: {
      ...process.env,
      TEJIDO_CONTENT_ROOT: root,
      TEJIDO_CACHE_DIR: mkdtempSync(join(tmpdir(), 'tejido-caja-cache-')),
      ASTRO_TELEMETRY_DISABLED: '1',
    },
  });
  if (build.status !== 0)
    throw new Error(
      `the fixture organisation did not build:\n${build.stdout.slice(-3000)}${build.stderr.slice(-3000)}`,
    );
}, 180_000);

describe('an organisation that reuses Tejido through content only (Caja Ejemplo, Bolivia)', () => {
  const { curriculum, organisation } = checkContent(root);

  test('its name, logo and colours replace the default everywhere', () => {
    const home = page('');
    expect(home).toContain('<title>Caja Ejemplo');
    expect(home).not.toContain('FINCA');
    expect(home).toContain(`--sl-color-accent:${organisation?.colours.primary}`);
    expect(home).toMatch(/<img[^>]+alt="Caja Ejemplo de Ahorro y Crédito"/);
  });

  test('its own session is in the manual’s order, on the manual page and in the sidebar', () => {
    const order = ['gv-espacio-de-confianza', 'gv-quien-decide', 'ce-ahorro-y-confianza'];
    expect(curriculum?.sessions.map((s) => s.id)).toEqual(order);
    const manual = page('ahorro-comunal/genero-y-violencia');
    const links = [
      ...manual.slice(manual.indexOf('class="manual-contents"')).matchAll(/<li><a href="\/([^"]+)\/">/g),
    ].map((m) => m[1]);
    expect(links).toEqual([
      'ahorro-comunal/genero-y-violencia/espacio-de-confianza',
      'ahorro-comunal/genero-y-violencia/quien-decide',
      'ahorro-comunal/genero-y-violencia/ahorro-y-confianza',
    ]);
    expect(page('ahorro-comunal/genero-y-violencia/ahorro-y-confianza')).toContain(
      'data-session-id="ce-ahorro-y-confianza"',
    );
  });

  test('its added session is in the catalog', () => {
    const catalogFile = join(projectRoot, outDir, 'client', 'catalog.json');
    expect(existsSync(catalogFile)).toBe(true);
    expect(readFileSync(catalogFile, 'utf8')).toContain('"ce-ahorro-y-confianza"');
  });

  test('its lengthened session shows 120 minutes, its new version and its credits, with the original kept', () => {
    const session = curriculum?.sessions.find((s) => s.id === 'gv-quien-decide');
    expect(session).toMatchObject({ durationMinutes: 120, version: '1.1' });
    expect(session?.credits.map((c) => c.role)).toEqual(['original', 'adaptacion', 'cambios']);
    expect(page('ahorro-comunal/genero-y-violencia/quien-decide')).toContain('120 min');
    expect(page('creditos')).toContain('Versión de 120 minutos para reuniones largas');
  });

  test('its referral path comes from the Bolivian directory', () => {
    const html = page('ahorro-comunal/genero-y-violencia/quien-decide');
    expect(html).toContain('FELCV');
    expect(html).not.toContain('Línea 100</strong>');
  });

  test('its safety boxes say its own directory’s limits of confidentiality and link its own safety plan', () => {
    const html = page('ahorro-comunal/genero-y-violencia/quien-decide');
    const start = html.indexOf('<aside class="safety"');
    const box = html.slice(start, html.indexOf('</aside>', start));
    expect(html.match(/<aside class="safety"/g)).toHaveLength(1);
    for (const line of curriculum!.referrals.confidentiality.script) expect(box).toContain(line);
    expect(box).not.toContain('En el puesto de salud y en la escuela deben denunciar');
    expect(box).toContain('href="/ahorro-comunal/genero-y-violencia/hojas/plan-de-seguridad/"');
    expect(box).toContain('href="/pdf/materials/hoja-plan-de-seguridad.pdf"');
  });

  test('its English page renders with English interface strings; an untranslated page falls back with a notice', () => {
    const english = page('en/ahorro-comunal/genero-y-violencia/espacio-de-confianza');
    expect(english).toContain('Prepare the session');
    expect(english).toContain('lang="en"');
    const fallback = page('en/ahorro-comunal/genero-y-violencia/ahorro-y-confianza');
    expect(fallback).toContain('data-session-id="ce-ahorro-y-confianza"');
    expect(fallback).toMatch(/This content is not available in your language yet/);
  });

  test('a translation older than its source is a warning, not an error, and its page and the coverage page say so', () => {
    const { errors, warnings } = checkContent(root);
    expect(errors).toEqual([]);
    expect(warnings.map((w) => `${w.file} › ${w.field}`)).toEqual([
      'content/docs/en/ahorro-comunal/genero-y-violencia/espacio-de-confianza.mdx › session.translatedFrom',
    ]);
    expect(page('en/ahorro-comunal/genero-y-violencia/espacio-de-confianza')).toContain('class="translation-outdated"');
    const coverage = page('traducciones');
    expect(coverage).toMatch(/0 traducidas · 1 desactualizadas · 5 faltan \(de 6\)/);
  });
  test('its own local services (a fictitious region) reach the safety box with every field, once picked', () => {
    const html = page('ahorro-comunal/genero-y-violencia/quien-decide');
    expect(html).not.toContain('data-locality="');
    const href = /data-services-href="([^"]+)"/.exec(html)?.[1] ?? '';
    const kinds = (/data-kinds="([^"]*)"/.exec(html)?.[1] ?? '').split(' ');
    const file = JSON.parse(
      readFileSync(join(projectRoot, outDir, 'client', href.slice(1)), 'utf8'),
    ) as LocalServicesFile;
    const local = file.localities['ficticia-provincia-uno-municipio-uno'];
    expect(local?.heading).toBe('En Municipio Uno');
    expect(file.phone).toBe('Teléfono');
    // In the session's order (felcv before slim), each with its place, then only the fields given.
    const shown = kinds.flatMap((k) => local?.services.filter((s) => s.kind === k) ?? []);
    expect(shown.map((s) => s.name)).toEqual(['FELCV Ficticia de Prueba', 'SLIM Ficticio de Prueba']);
    expect(shown[1]?.phone).toBe('+591 2 000 0000');
    expect(shown[0]?.phone).toBeUndefined();
    expect(shown[1]?.details).toBe(
      'Lunes a viernes, 8:30 a 16:30 (ficticio) · Viaje: 1 hora en minibús (ficticio) · Pasaje: Bs 5 (ficticio) · Atiende en: español, aimara',
    );
    expect(page('print/districts/ficticia-provincia-uno-municipio-uno')).toContain(
      'A dónde pedir ayuda en Municipio Uno',
    );
  });
});
