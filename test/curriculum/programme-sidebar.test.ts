import { describe, expect, test } from 'vitest';
import type { StarlightRouteData } from '@astrojs/starlight/route-data';
import {
  MAX_OTHER_PROGRAMME_LINKS,
  scopePagination,
  scopeSidebar,
} from '../../src/curriculum/astro/programme-sidebar.ts';

type Entry = StarlightRouteData['sidebar'][number];

const link = (href: string, current = ''): Entry => ({
  type: 'link',
  label: href,
  href,
  isCurrent: href === current,
  badge: undefined,
  attrs: {},
});
const group = (label: string, entries: Entry[]): Entry => ({
  type: 'group',
  label,
  entries,
  collapsed: true,
  badge: undefined,
});

/** Two programmes whose slugs share a prefix, a search link and a group that is not a programme. */
function sidebar(current: string): Entry[] {
  return [
    link('/buscar/', current),
    group('Uno', [
      link('/uno/', current),
      group('M1', [link('/uno/m1/', current), link('/uno/m1/s1/', current), link('/uno/m1/s2/', current)]),
    ]),
    group('Uno bis', [
      link('/uno-bis/', current),
      group('M2', [link('/uno-bis/m2/', current), link('/uno-bis/m2/s1/', current)]),
    ]),
    group('Para organizaciones', [link('/adaptar/', current), link('/creditos/', current)]),
  ];
}
const landings = new Set(['/uno/', '/uno-bis/']);
const hrefs = (entries: Entry[]): string[] => entries.flatMap((e) => (e.type === 'link' ? [e.href] : hrefs(e.entries)));

describe('a page’s sidebar', () => {
  test('a session keeps its programme’s tree; the other programme is one link to its landing page', () => {
    const { sidebar: scoped, programme } = scopeSidebar(sidebar('/uno/m1/s1/'), landings, '/uno/m1/s1/');
    expect(programme?.label).toBe('Uno');
    expect(hrefs(scoped)).toEqual([
      '/buscar/',
      '/uno/',
      '/uno/m1/',
      '/uno/m1/s1/',
      '/uno/m1/s2/',
      '/uno-bis/',
      '/adaptar/',
      '/creditos/',
    ]);
    expect(scoped[2]).toEqual({
      type: 'link',
      label: 'Uno bis',
      href: '/uno-bis/',
      isCurrent: false,
      badge: undefined,
      attrs: {},
    });
  });

  test('a slug that starts like another programme’s does not open that programme', () => {
    const { programme } = scopeSidebar(sidebar('/uno-bis/m2/s1/'), landings, '/uno-bis/m2/s1/');
    expect(programme?.label).toBe('Uno bis');
    // A handout is not in the sidebar: its path decides, and /uno-bis/… is not under /uno/.
    expect(scopeSidebar(sidebar(''), landings, '/uno-bis/m2/hojas/h1/').programme?.label).toBe('Uno bis');
    expect(scopeSidebar(sidebar(''), landings, '/uno/m1/hojas/h1').programme?.label).toBe('Uno');
  });

  test('a page outside every programme shows each programme as one link and keeps the other groups', () => {
    const { sidebar: scoped, programme } = scopeSidebar(sidebar('/adaptar/'), landings, '/adaptar/');
    expect(programme).toBeUndefined();
    expect(hrefs(scoped)).toEqual(['/buscar/', '/uno/', '/uno-bis/', '/adaptar/', '/creditos/']);
  });

  test('a group is a programme only if it links a programme’s landing page directly', () => {
    const lookalike = [group('Uno', [group('Otro', [link('/uno/', '')]), link('/uno/m1/s1/', '')])];
    expect(scopeSidebar(lookalike, landings, '/adaptar/').sidebar).toEqual(lookalike);
  });
});

describe('prev and next', () => {
  const pagination = (current: string, config = {}) => {
    const whole = sidebar(current);
    const flat = hrefs(whole);
    const at = flat.indexOf(current);
    const original = {
      prev: link(flat[at - 1] ?? ''),
      next: link(flat[at + 1] ?? ''),
    } as StarlightRouteData['pagination'];
    return scopePagination(scopeSidebar(whole, landings, current), original, config);
  };

  test('stay inside the programme at both ends', () => {
    expect(pagination('/uno/').prev).toBeUndefined();
    expect(pagination('/uno/').next?.href).toBe('/uno/m1/');
    expect(pagination('/uno/m1/s2/').prev?.href).toBe('/uno/m1/s1/');
    expect(pagination('/uno/m1/s2/').next).toBeUndefined();
  });

  test('outside a programme they walk the sidebar the page shows', () => {
    expect(pagination('/adaptar/').prev?.href).toBe('/uno-bis/');
    expect(pagination('/adaptar/').next?.href).toBe('/creditos/');
  });

  test('an author’s own prev or next in the frontmatter is kept', () => {
    expect(pagination('/uno/m1/s2/', { next: false }).next?.href).toBe('/uno-bis/');
  });
});

describe('many programmes', () => {
  /** `n` programmes p1…pn, each a landing page and one session, then a group that is not a programme. */
  const many = (n: number, current: string): Entry[] => [
    link('/buscar/', current),
    ...Array.from({ length: n }, (_, i) =>
      group(`P${i + 1}`, [link(`/p${i + 1}/`, current), link(`/p${i + 1}/s/`, current)]),
    ),
    group('Para organizaciones', [link('/adaptar/', current)]),
  ];
  const landingsOf = (n: number) => new Set(Array.from({ length: n }, (_, i) => `/p${i + 1}/`));
  const all = { label: 'Todos los programas', href: '/' };

  test(`up to ${MAX_OTHER_PROGRAMME_LINKS} other programmes are one link each`, () => {
    const n = MAX_OTHER_PROGRAMME_LINKS + 1;
    const { sidebar: scoped } = scopeSidebar(many(n, '/p2/s/'), landingsOf(n), '/p2/s/', all);
    expect(hrefs(scoped)).toEqual(['/buscar/', '/p1/', '/p2/', '/p2/s/', '/p3/', '/p4/', '/p5/', '/adaptar/']);
  });

  test('past that, every other programme is one link to the home page, where the own programme was not', () => {
    for (const n of [MAX_OTHER_PROGRAMME_LINKS + 2, 20, 200]) {
      const { sidebar: scoped, programme } = scopeSidebar(many(n, '/p3/s/'), landingsOf(n), '/p3/s/', all);
      expect(programme?.label).toBe('P3');
      // The same size whatever n is: the home link, the own tree, the fixed groups.
      expect(hrefs(scoped)).toEqual(['/buscar/', '/', '/p3/', '/p3/s/', '/adaptar/']);
      expect(scoped[1]).toEqual({ type: 'link', ...all, isCurrent: false, badge: undefined, attrs: {} });
    }
  });

  test('prev and next still stay inside the own programme', () => {
    const n = 20;
    const whole = many(n, '/p3/');
    const scoped = scopeSidebar(whole, landingsOf(n), '/p3/', all);
    const original = { prev: link('/p2/s/'), next: link('/p3/s/') } as StarlightRouteData['pagination'];
    const pagination = scopePagination(scoped, original, {});
    expect([pagination.prev?.href, pagination.next?.href]).toEqual([undefined, '/p3/s/']);
  });
});
