import { describe, expect, test } from 'vitest';
import type { StarlightRouteData } from '@astrojs/starlight/route-data';
import { scopePagination, scopeSidebar } from '../../src/curriculum/astro/programme-sidebar.ts';

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
