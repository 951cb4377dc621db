// "recuadro naranja" in a session's body links to its panel's safety box, on pages that have one,
// and nowhere else (src/curriculum/markdown/safety-links.ts).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { builtPage, sourceCurriculum } from '../support/built-site.ts';
import { projectRoot } from '../support/content-root.ts';

const curriculum = sourceCurriculum();
const source = (slug: string) => readFileSync(join(projectRoot, 'content/docs', `${slug}.mdx`), 'utf8');
/** Mentions of the box in an MDX body, headings and frontmatter left out. */
const mentions = (mdx: string) =>
  mdx
    .split(/^---$/m)
    .slice(2)
    .join('---')
    .split('\n')
    .filter((line) => !line.startsWith('#'))
    .join('\n')
    .match(/recuadro naranja/gi)?.length ?? 0;
const link = /<a href="#recuadro-seguridad" class="safety-ref">recuadro naranja<\/a>/gi;
const links = (html: string) => html.match(link) ?? [];

describe('the body\'s "recuadro naranja" links to the box', () => {
  const withBox = curriculum.sessions.filter((s) => s.safety && mentions(source(s.slug)) > 0);

  test('in every mention, on every session page that has a box', () => {
    expect(withBox.length).toBeGreaterThanOrEqual(10);
    for (const session of withBox) {
      const html = builtPage(session.slug);
      expect(links(html).length, session.slug).toBe(mentions(source(session.slug)));
      // The target exists once on the page.
      expect(html.match(/ id="recuadro-seguridad"/g)?.length, session.slug).toBe(1);
    }
  });

  test("the attacker: a page without a box (a manual's index) mentions it and gets no link to nothing", () => {
    const indexes = curriculum.manuals
      .map((m) => m.slug)
      .filter((slug) => existsSync(join(projectRoot, 'content/docs', slug, 'index.mdx')))
      .filter((slug) => mentions(readFileSync(join(projectRoot, 'content/docs', slug, 'index.mdx'), 'utf8')) > 0);
    expect(indexes.length).toBeGreaterThanOrEqual(3);
    for (const slug of indexes) {
      const html = builtPage(slug);
      expect(html, slug).toMatch(/recuadro naranja/i);
      expect(html.includes('safety-ref'), slug).toBe(false);
      expect(html.includes('recuadro-seguridad'), slug).toBe(false);
    }
  });
});
