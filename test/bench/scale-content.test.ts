import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { scaledContentRoot } from '../../bench/scale-content.ts';
import { checkContent } from '../../src/curriculum/check.ts';
import { projectRoot } from '../support/content-root.ts';

// The generator behind `npm run bench -- --only scale`, at 3× to stay quick: the copy must pass the
// same validator as real content, or the 10× figures would measure a build that refuses it.
const root = join(projectRoot, 'dist-test-scale-content');
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the scaled curriculum for the bench', () => {
  const source = checkContent(projectRoot).curriculum!;
  scaledContentRoot(projectRoot, 3, root);
  const scaled = checkContent(root);
  const count = (c: typeof source) => [c.programmes, c.manuals, c.sessions, c.handouts].map((list) => list.length);

  test('passes the content check with every page three times and no error or warning', () => {
    expect(scaled.errors).toEqual([]);
    expect(scaled.warnings).toEqual([]);
    expect(count(scaled.curriculum!)).toEqual(count(source).map((n) => n * 3));
  });

  test('gives every copied programme, manual, session and handout its own id and slug', () => {
    const c = scaled.curriculum!;
    for (const list of [c.programmes, c.manuals, c.sessions, c.handouts]) {
      expect(new Set(list.map((x) => x.id)).size).toBe(list.length);
      expect(new Set(list.map((x) => x.slug)).size).toBe(list.length);
    }
    const copy = c.sessions.find((s) => s.id === 'gv-comunicacion-x3');
    expect(copy).toMatchObject({
      slug: 'imagen-peru-x3/genero-y-violencia/comunicacion',
      manual: 'genero-y-violencia-x3',
      programme: 'imagen-peru-x3',
    });
  });

  test('renames ids only where they are ids: an audience named like a manual stays as it is', () => {
    const copy = scaled.curriculum!.sessions.find((s) => s.id === 'li-autoestima-x2');
    expect(copy?.audience).toEqual(['lideresas']);
    expect(scaled.curriculum!.manuals.find((m) => m.id === 'lideresas-x2')?.sessions[0]).toBe('li-ser-lideresa-x2');
  });

  test('names each copy apart in the sidebar and translates it too', () => {
    expect(scaled.curriculum!.programmes.map((p) => p.title)).toContain('IMAGE Perú · 3');
    const file = (path: string) => readFileSync(join(root, 'content/docs', path), 'utf8');
    expect(file('en/imagen-peru-x2/genero-y-violencia/comunicacion.mdx')).toContain('id: gv-comunicacion-x2');
  });
});
