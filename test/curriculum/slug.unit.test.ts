import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, test } from 'vitest';
import { entryIdOf, routeOfEntryId, slugOf } from '../../src/curriculum/load/slug.ts';
import { readPages } from '../../src/curriculum/load/from-disk.ts';
import { contentRootWithSession, projectRoot } from '../support/content-root.ts';

// Astro's own function, from the installed package (not one of its public exports, so by path):
// the oracle the validator's slugs must agree with, whatever Astro version is installed.
const astroUtils = (await import(
  pathToFileURL(join(projectRoot, 'node_modules/astro/dist/content/utils.js')).href
)) as {
  getContentEntryIdAndSlug(options: { entry: URL; contentDir: URL; collection: string }): { slug: string };
};
const base = pathToFileURL(join(projectRoot, 'content/docs/'));
const astroId = (pathInDocs: string) =>
  astroUtils.getContentEntryIdAndSlug({
    entry: new URL('./' + encodeURI(pathInDocs), base),
    contentDir: base,
    collection: '',
  }).slug;

const oddNames = [
  'imagen-peru/genero-y-violencia/sesion-1.mdx',
  'index.mdx',
  'en/index.mdx',
  'prog/manual/index.mdx',
  'prog/manual/Sesión del Agua.mdx',
  'Programa Ñandú/Manual UNO/Índice.md',
  'prog/INDEX.mdx',
  'prog/a_b c--d.mdx',
  'prog/Ahorro & Crédito (2026).mdx',
  'prog/fiesta.de.la.cruz.mdx',
  'prog/  espacios  .mdx',
];

describe('the validator derives every page address exactly as Astro’s glob loader does', () => {
  test.each(oddNames)('%s', (name) => {
    expect(entryIdOf(name)).toBe(astroId(name));
  });

  test('accents stay, capitals go, spaces and signs become hyphens, a trailing index is dropped', () => {
    expect(entryIdOf('prog/manual/Sesión del Agua.mdx')).toBe('prog/manual/sesión-del-agua');
    expect(entryIdOf('Programa Ñandú/Manual UNO/Índice.md')).toBe('programa-ñandú/manual-uno/índice');
    expect(entryIdOf('prog/INDEX.mdx')).toBe('prog');
    expect(entryIdOf('prog/Ahorro & Crédito (2026).mdx')).toBe('prog/ahorro--crédito-2026');
  });

  test('a frontmatter slug wins, exactly as written (Astro does not slugify it); an empty one does not count', () => {
    expect(entryIdOf('prog/hojas/plan.mdx', 'prog/hojas/Plan De Seguridad')).toBe('prog/hojas/Plan De Seguridad');
    expect(entryIdOf('prog/hojas/plan.mdx', '')).toBe('prog/hojas/plan');
    expect(entryIdOf('prog/hojas/plan.mdx', 2026)).toBe('2026');
  });

  test('the root index is the home page, as Starlight routes it; a nested index already lost its name', () => {
    expect(entryIdOf('index.mdx')).toBe('index');
    expect(routeOfEntryId('index')).toBe('');
    expect(slugOf('index.mdx')).toBe('');
    expect(slugOf('en/index.mdx')).toBe('en');
  });

  test('readPages gives each page the address Astro gives it: frontmatter slug, odd file names', () => {
    const root = contentRootWithSession();
    const dir = join(root, 'content/docs/prog/manual');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'Hoja Ñ.mdx'), '---\ntitle: Hoja\n---\n');
    writeFileSync(join(dir, 'otra.mdx'), '---\ntitle: Otra\nslug: Ruta/Propia\n---\n');
    const slugs = readPages(root).pages.map((p) => [p.file, p.slug]);
    expect(slugs).toEqual([
      ['content/docs/prog/index.mdx', 'prog'],
      ['content/docs/prog/manual/Hoja Ñ.mdx', 'prog/manual/hoja-ñ'],
      ['content/docs/prog/manual/hojas/plan.mdx', 'prog/manual/hojas/plan'],
      ['content/docs/prog/manual/index.mdx', 'prog/manual'],
      ['content/docs/prog/manual/otra.mdx', 'Ruta/Propia'],
      ['content/docs/prog/manual/sesion-a.mdx', 'prog/manual/sesion-a'],
    ]);
  });
});
