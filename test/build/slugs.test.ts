import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { readPages } from '../../src/curriculum/load/from-disk.ts';
import { entryIdOf } from '../../src/curriculum/load/slug.ts';
import { clientDir, sourceVocabulary } from '../support/built-site.ts';
import { projectRoot } from '../support/content-root.ts';
import { storedDocsIds } from '../support/data-store.ts';

// Issue 16: the validator (npm run check, src/curriculum/load) and the site must never disagree
// on a page's address. Astro's content layer of the real build is the judge.
const stored = await storedDocsIds();
const pages = readPages(projectRoot, { vocabulary: sourceVocabulary() }).pages;
const inDocs = (file: string) => relative('content/docs', file);

describe('every page of the real build has the address the validator gives it', () => {
  test('the validator reads exactly the pages Astro stored, translations included', () => {
    expect(pages.map((p) => p.file).sort()).toEqual([...stored.keys()].sort());
    expect(pages).toHaveLength(stored.size);
  });

  test('for each page, the validator’s entry id is Astro’s entry id', () => {
    const mismatches = pages
      .map((p) => ({ file: p.file, validator: entryIdOf(inDocs(p.file)), astro: stored.get(p.file) }))
      .filter((row) => row.validator !== row.astro);
    expect(mismatches).toEqual([]);
  });

  test('each page’s slug is a built route: dist/client/<slug>/index.html (Starlight writes its 404 as 404.html)', () => {
    const builtFile = (slug: string) => (slug === '404' ? '404.html' : join(slug, 'index.html'));
    const missing = pages.map((p) => p.slug).filter((slug) => !existsSync(join(clientDir, builtFile(slug))));
    expect(missing).toEqual([]);
  });
});
