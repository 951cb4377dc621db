import type { StarlightRouteData } from '@astrojs/starlight/route-data';

type SidebarEntry = StarlightRouteData['sidebar'][number];
type SidebarLink = Extract<SidebarEntry, { type: 'link' }>;
type SidebarGroup = Extract<SidebarEntry, { type: 'group' }>;
type Pagination = StarlightRouteData['pagination'];

/** What a page's sidebar is cut down to: the sidebar itself and the programme tree it keeps, if any. */
export interface ScopedSidebar {
  sidebar: SidebarEntry[];
  /** The open programme's group (the page belongs to it), or undefined on pages outside every programme. */
  programme: SidebarGroup | undefined;
}

/**
 * Cuts the whole-curriculum sidebar down to what one page needs, so a page's HTML does not grow
 * with the number of programmes: the page's own programme keeps its tree (manuals, sessions),
 * every other programme becomes one link to its landing page (past MAX_OTHER_PROGRAMME_LINKS, one link to
 * the home page, which lists them all). Groups that are not programmes
 * (search, organisation pages, field app) are a fixed size and stay as they are.
 *
 * A programme group is a top-level group holding a direct link to one of `landings` (the
 * programmes' landing pages in the page's language). The page belongs to the programme whose
 * tree marks it current, or else whose landing page its path lies under (handouts, which the
 * sidebar does not list).
 */
export function scopeSidebar(
  sidebar: SidebarEntry[],
  landings: ReadonlySet<string>,
  pathname: string,
  allProgrammes?: AllProgrammesLink,
): ScopedSidebar {
  const programmes = new Map<SidebarGroup, string>();
  for (const entry of sidebar) {
    const landing = entry.type === 'group' ? landingOf(entry, landings) : undefined;
    if (landing && entry.type === 'group') programmes.set(entry, landing);
  }
  const path = withSlash(pathname);
  const own =
    [...programmes.keys()].find((group) => links(group.entries).some((l) => l.isCurrent)) ??
    [...programmes].find(([, landing]) => path.startsWith(landing))?.[0];
  // Past a few other programmes, one link to the page that lists them all: the sidebar stays the same size
  // however many programmes there are (one link each would grow every page with the whole curriculum).
  const others = programmes.size - (own ? 1 : 0);
  const folded = allProgrammes !== undefined && others > MAX_OTHER_PROGRAMME_LINKS;
  let foldedShown = false;
  const scoped = sidebar.flatMap((entry): SidebarEntry[] => {
    const landing = entry.type === 'group' ? programmes.get(entry) : undefined;
    if (!landing || entry === own) return [entry];
    if (folded) {
      if (foldedShown) return [];
      foldedShown = true;
      const { label, href } = allProgrammes;
      return [{ type: 'link', label, href, isCurrent: false, badge: undefined, attrs: {} }];
    }
    return [{ type: 'link', label: entry.label, href: landing, isCurrent: false, badge: entry.badge, attrs: {} }];
  });
  return { sidebar: scoped, programme: own };
}

/** Other programmes listed one link each up to this many; more become one link to the list of all of them. */
export const MAX_OTHER_PROGRAMME_LINKS = 4;

/** The link that stands for every other programme when there are too many to list: the site's home page. */
export interface AllProgrammesLink {
  label: string;
  href: string;
}

/** The prev/next frontmatter: `undefined` unless an author set it for this page. */
type PaginationConfig = { prev?: unknown; next?: unknown };

/**
 * Prev/next follow the sidebar the page shows: inside a programme they stay in its tree (the last
 * session of a programme has no "next" into another one); elsewhere they walk the scoped sidebar.
 * A page whose author set `prev` or `next` in its frontmatter keeps Starlight's link for that side.
 */
export function scopePagination(scoped: ScopedSidebar, original: Pagination, config: PaginationConfig): Pagination {
  const walk = links(scoped.programme ? scoped.programme.entries : scoped.sidebar);
  const at = walk.findIndex((l) => l.isCurrent);
  if (at < 0) return original;
  return {
    prev: config.prev !== undefined ? original.prev : walk[at - 1],
    next: config.next !== undefined ? original.next : walk[at + 1],
  };
}

function landingOf(group: SidebarGroup, landings: ReadonlySet<string>): string | undefined {
  for (const entry of group.entries)
    if (entry.type === 'link' && landings.has(withSlash(entry.href))) return withSlash(entry.href);
  return undefined;
}

/** Every link of a tree in reading order, as Starlight flattens it for pagination. */
function links(entries: SidebarEntry[]): SidebarLink[] {
  return entries.flatMap((entry) => (entry.type === 'link' ? [entry] : links(entry.entries)));
}

const withSlash = (path: string) => (path.endsWith('/') ? path : `${path}/`);
