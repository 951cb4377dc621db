import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { manualsOfProgramme, sessionsOfManual, type Programme } from '../../src/curriculum/resolve.ts';
import { builtPage, clientDir, sourceCurriculum } from '../support/built-site.ts';
import { htmlWeight, sidebarHtml } from '../support/built-html.ts';
import { subjects } from '../support/content-subjects.ts';

const curriculum = sourceCurriculum();
/** Every page a programme owns, in the order its sidebar lists them (landing, manual, its sessions …). */
const treeOf = (p: Programme) => [
  p.slug,
  ...manualsOfProgramme(curriculum, p.id).flatMap((m) => [
    m.slug,
    ...sessionsOfManual(curriculum, m.id).map((s) => s.slug),
  ]),
];
const sessionsOf = (p: Programme) => curriculum.sessions.filter((s) => s.programme === p.id);
const languages = ['', 'en/'];
/** `href="…"` occurrences of one page's link in an HTML fragment. */
const count = (html: string, href: string) => html.split(`href="${href}"`).length - 1;
const pagination = (html: string, rel: 'prev' | 'next') =>
  html.match(new RegExp(`<a href="([^"]*)" rel="${rel}"`))?.[1];

const sessionPages = languages.flatMap((lang) =>
  curriculum.programmes.flatMap((programme) => sessionsOf(programme).map((session) => ({ lang, programme, session }))),
);

describe('the sidebar of a session page', () => {
  // Which programmes and how many sessions is the content's business (test/curriculum/organisation-content.test.ts).
  test('the curriculum has programmes to tell apart, each with the sessions of its manuals', () => {
    expect(curriculum.programmes.length, 'these tests need two programmes').toBeGreaterThanOrEqual(2);
    for (const p of curriculum.programmes)
      expect(sessionsOf(p), p.id).toHaveLength(manualsOfProgramme(curriculum, p.id).flatMap((m) => m.sessions).length);
  });

  test.each(sessionPages.map((p) => [`/${p.lang}${p.session.slug}/`, p] as const))(
    '%s lists its own programme’s tree once each and every other programme as one link',
    (_path, { lang, programme, session }) => {
      const html = builtPage(`${lang}${session.slug}`);
      const sidebar = sidebarHtml(html);
      for (const slug of treeOf(programme)) expect(count(sidebar, `/${lang}${slug}/`), slug).toBe(1);
      for (const other of curriculum.programmes.filter((p) => p.id !== programme.id)) {
        expect(count(sidebar, `/${lang}${other.slug}/`), other.slug).toBe(1);
        // Not in the sidebar, nor anywhere else on the page: no session or manual of another programme.
        for (const slug of treeOf(other).slice(1)) expect(count(html, `/${lang}${slug}/`), slug).toBe(0);
      }
      expect(sidebar.match(/aria-current="page"/g)).toHaveLength(1);
      expect(sidebar).toContain(`<a href="/${lang}${session.slug}/" aria-current="page"`);
    },
  );

  test.each(languages.flatMap((lang) => curriculum.programmes.map((p) => [`/${lang}${p.slug}/`, lang, p] as const)))(
    'prev and next walk %s’s own tree, with no link out of it at either end',
    (_path, lang, programme) => {
      const tree = treeOf(programme);
      tree.forEach((slug, i) => {
        const html = builtPage(`${lang}${slug}`);
        expect(pagination(html, 'prev'), `prev of ${slug}`).toBe(i > 0 ? `/${lang}${tree[i - 1]}/` : undefined);
        expect(pagination(html, 'next'), `next of ${slug}`).toBe(
          i < tree.length - 1 ? `/${lang}${tree[i + 1]}/` : undefined,
        );
      });
    },
  );

  test('a handout page, which the sidebar does not list, shows its own programme’s tree', () => {
    const { programme, otherProgramme } = subjects(curriculum);
    const handout = curriculum.handouts.find((h) => h.slug.startsWith(`${programme.slug}/`));
    if (!handout) throw new Error(`no handout in ${programme.id}`);
    const sidebar = sidebarHtml(builtPage(handout.slug));
    for (const slug of treeOf(programme)) expect(count(sidebar, `/${slug}/`), slug).toBe(1);
    for (const slug of treeOf(otherProgramme!).slice(1)) expect(count(sidebar, `/${slug}/`), slug).toBe(0);
    expect(sidebar).not.toContain('aria-current="page"');
  });

  test.each(['adaptar', 'buscar', 'asistencia', 'desarrolladores/catalogo', 'en/adaptar'])(
    '/%s/, outside every programme, shows each programme as one link and no manual or session',
    (page) => {
      const lang = page.startsWith('en/') ? 'en/' : '';
      const sidebar = sidebarHtml(builtPage(page));
      for (const programme of curriculum.programmes) {
        expect(count(sidebar, `/${lang}${programme.slug}/`), programme.slug).toBe(1);
        for (const slug of treeOf(programme).slice(1)) expect(count(sidebar, `/${lang}${slug}/`), slug).toBe(0);
      }
    },
  );
});

describe('the weight of the sidebar', () => {
  // Measured on this build (2 programmes, 184 pages): total HTML 7.86 MB, of it sidebars 26.2% (33.0%
  // when every page listed every programme); the largest share on a session page is 38.3% (a short
  // page of IMAGE Perú, whose tree has 34 sessions). At 10× (`npm run bench -- --only scale`) a
  // session page's sidebar gains one link per added programme, no more
  // (measured: /imagen-peru/genero-y-violencia/comunicacion/ 34.3% → 37.3%; all HTML 9.43×).
  test('is under 40% of every session page and under 30% of all the HTML the build wrote', () => {
    const shares = sessionPages.map(({ lang, session }) => {
      const html = readFileSync(join(clientDir, lang, session.slug, 'index.html'), 'utf8');
      return sidebarHtml(html).length / html.length;
    });
    expect(Math.max(...shares)).toBeLessThan(0.4);
    const weight = htmlWeight(clientDir);
    console.log(`total HTML ${weight.bytes} bytes in ${weight.files} files, sidebars ${weight.sidebarBytes} bytes`);
    expect(weight.sidebarBytes / weight.bytes).toBeLessThan(0.3);
  });
});
