import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { load } from 'cheerio';
import { beforeAll, describe, expect, test } from 'vitest';
import { checkContent } from '../../src/curriculum/check.ts';
import { readPages } from '../../src/curriculum/load/from-disk.ts';
import { routeOfEntryId } from '../../src/curriculum/load/slug.ts';
import { valuesOf } from '../../src/curriculum/schemas/vocabulary.ts';
import { fixtures, projectRoot } from '../support/content-root.ts';
import { storedDocsIds } from '../support/data-store.ts';

// Issue 16, "a fixture organisation adds a topic in its own content and builds": Cooperativa Agua
// Viva adds the topic `agua-segura` and the audience `juntas-de-agua` in its content/vocabulary.yaml
// only (labels in Spanish and English), and names two pages oddly (a file "Sesión del Agua.mdx", a handout with `slug:`). It is
// built like the real site, into its own outDir and its own cache (its own content layer store).
const root = join(fixtures, 'vocabulario-propio');
const outDir = 'dist-fixture-vocabulario';
const work = mkdtempSync(join(tmpdir(), 'tejido-vocabulary-build-'));
const cacheDir = join(work, 'cache');
const astro = join(projectRoot, 'node_modules/.bin/astro');
const html = (slug: string) => load(readFileSync(join(projectRoot, outDir, 'client', slug, 'index.html'), 'utf8'));
const json = (file: string) => JSON.parse(readFileSync(join(projectRoot, outDir, 'client', file), 'utf8'));
const SESSION_PAGE = 'prog/manual/sesión-del-agua';

function build(contentRoot: string, out: string, cache: string) {
  return spawnSync(astro, ['build', '--outDir', `./${out}`], {
    cwd: projectRoot,
    encoding: 'utf8',
    env: { ...process.env, TEJIDO_CONTENT_ROOT: contentRoot, TEJIDO_CACHE_DIR: cache, ASTRO_TELEMETRY_DISABLED: '1' },
  });
}

beforeAll(() => {
  rmSync(join(projectRoot, outDir), { recursive: true, force: true });
  const result = build(root, outDir, cacheDir);
  if (result.status !== 0)
    throw new Error(
      `the fixture organisation did not build:\n${result.stdout.slice(-3000)}${result.stderr.slice(-3000)}`,
    );
}, 240_000);

describe('an organisation that adds a topic in its own content/vocabulary.yaml', () => {
  const own = checkContent(root);
  const tejido = checkContent(projectRoot);

  test('the validator accepts it; the topic is the organisation’s own, not Tejido’s', () => {
    expect(own.errors).toEqual([]);
    expect(own.vocabulary!.topics['agua-segura']).toEqual({ es: 'Agua segura en casa', en: 'Safe water at home' });
    expect(tejido.vocabulary!.topics['agua-segura']).toBeUndefined();
    expect(own.curriculum!.sessions.find((s) => s.id === 'sesion-agua')!.topics).toEqual(['agua-segura', 'finanzas']);
  });

  test('the session page gives Pagefind the topic and the audience with their labels', () => {
    const filters = html(SESSION_PAGE)('[data-pagefind-filter]')
      .map((_, el) => el.attribs['data-pagefind-filter'])
      .get();
    expect(filters).toEqual([
      'Programa:Programa de prueba',
      'Manual:Manual de prueba',
      'Público:Socias del banco comunal',
      'Público:Juntas de agua (JASS)',
      'Tema:Agua segura en casa',
      'Tema:Finanzas del hogar',
      'Duración:≤ 60 min',
      'Idioma:Español',
    ]);
  });

  test('the search page offers the topic as a facet, in the vocabulary’s order, with its count', () => {
    const $ = html('buscar');
    const topics = $('input[name="topic"]')
      .map((_, el) => `${el.attribs.value} ${$(el).parent().find('[data-count]').text()}`)
      .get();
    expect(topics).toEqual(['Violencia contra la mujer (1)', 'Finanzas del hogar (1)', 'Agua segura en casa (1)']);
    const audiences = $('input[name="audience"]')
      .map((_, el) => el.attribs.value)
      .get();
    expect(audiences).toEqual(['Socias del banco comunal', 'Juntas de agua (JASS)']);
  });

  test('the panel names the audience, and the JSON-LD the topics, by their labels', () => {
    const $ = html(SESSION_PAGE);
    expect($('.prepare').text()).toContain('Socias del banco comunal, Juntas de agua (JASS)');
    const data = JSON.parse($('script[type="application/ld+json"]').text());
    expect(data.keywords).toEqual(['Agua segura en casa', 'Finanzas del hogar']);
    expect(data.audience.map((a: { audienceType: string }) => a.audienceType)).toEqual([
      'Socias del banco comunal',
      'Juntas de agua (JASS)',
    ]);
  });

  test('on the English page the same topic and audience carry their English labels from the vocabulary', () => {
    const $ = html(`en/${SESSION_PAGE}`);
    const filters = $('[data-pagefind-filter]')
      .map((_, el) => el.attribs['data-pagefind-filter'])
      .get()
      .filter((f) => /^(Público|Tema):/.test(f));
    expect(filters).toEqual([
      'Público:Community-bank members',
      'Público:Water boards',
      'Tema:Safe water at home',
      'Tema:Household finances',
    ]);
    expect($('.prepare').text()).toContain('Community-bank members, Water boards');
    expect(JSON.parse($('script[type="application/ld+json"]').text()).keywords).toEqual([
      'Safe water at home',
      'Household finances',
    ]);
  });

  test('the catalog labels the topic, and its JSON Schema allows exactly the organisation’s topics', () => {
    const catalog = json('catalog.json');
    expect(catalog.labels.topic['agua-segura']).toBe('Agua segura en casa');
    expect(catalog.labels.audience['juntas-de-agua']).toBe('Juntas de agua (JASS)');
    expect(catalog.sessions.find((s: { id: string }) => s.id === 'sesion-agua').topics).toEqual([
      'agua-segura',
      'finanzas',
    ]);
    const schema = json('catalog.schema.json');
    expect(schema.$defs.Session.properties.topics.items.enum).toEqual(valuesOf(own.vocabulary!, 'topics'));
  });

  test('Astro’s entry ids are the validator’s, odd file name and frontmatter slug included', async () => {
    const stored = await storedDocsIds(cacheDir);
    const pages = readPages(root, { vocabulary: own.vocabulary }).pages;
    const rows = pages.map((p) => [
      p.file,
      p.slug,
      routeOfEntryId(stored.get(relative(projectRoot, join(root, p.file)))!),
    ]);
    expect(rows).toEqual([
      ['content/docs/en/prog/manual/Sesión del Agua.mdx', `en/${SESSION_PAGE}`, `en/${SESSION_PAGE}`],
      ['content/docs/index.mdx', '', ''],
      ['content/docs/prog/index.mdx', 'prog', 'prog'],
      ['content/docs/prog/manual/Sesión del Agua.mdx', SESSION_PAGE, SESSION_PAGE],
      ['content/docs/prog/manual/hojas/plan.mdx', 'prog/hojas/Plan De Seguridad', 'prog/hojas/Plan De Seguridad'],
      ['content/docs/prog/manual/index.mdx', 'prog/manual', 'prog/manual'],
      ['content/docs/prog/manual/sesion-a.mdx', 'prog/manual/sesion-a', 'prog/manual/sesion-a'],
    ]);
    expect(stored.size).toBe(pages.length);
  });

  test('so the safety box’s link to the handout with its own slug reaches a built page', () => {
    const link = html('prog/manual/sesion-a')('aside.safety a')
      .filter((_, el) => el.attribs.href?.startsWith('/prog/hojas/') ?? false)
      .attr('href');
    expect(link).toBe('/prog/hojas/Plan De Seguridad/');
    expect(html(decodeURI(link!).slice(1, -1))('h1').text()).toBe('Mi plan de seguridad');
  });

  test('the attacker’s case: the same content without the topic in its vocabulary does not build', () => {
    const broken = join(work, 'sin-tema');
    cpSync(root, broken, { recursive: true });
    const file = join(broken, 'content/vocabulary.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^ {2}agua-segura: .*\n/m, ''));
    const result = build(broken, 'dist-fixture-vocabulario-broken', join(work, 'cache-broken'));
    expect(result.status).not.toBe(0);
    expect(result.stdout + result.stderr).toContain(
      'content/docs/prog/manual/Sesión del Agua.mdx:13 › session.topics[0]: "agua-segura" is not allowed — use one of: ' +
        'genero, roles, comunicacion, violencia, ninez, crianza, poder, autoestima, derechos, servicios, liderazgo, ' +
        'movilizacion, facilitacion, autocuidado, ahorro, finanzas',
    );
    rmSync(join(projectRoot, 'dist-fixture-vocabulario-broken'), { recursive: true, force: true });
  }, 120_000);
});
