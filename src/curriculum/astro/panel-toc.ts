import type { StarlightRouteData } from '@astrojs/starlight/route-data';
import { panelSections } from '../../components/prepare/sections.ts';
import { getSession } from './curriculum.ts';

type Toc = NonNullable<StarlightRouteData['toc']>;
type TocItem = Toc['items'][number];
type Translate = (key: ReturnType<typeof panelSections>[number]['key']) => string;

/**
 * Puts the "Preparar la sesión" panel's headings into "En esta página". Starlight builds the table
 * of contents from the Markdown's headings only, and the panel is a component rendered before the
 * body, so its headings go first, after "Overview", as the page shows them. Deeper levels than the
 * page's `maxHeadingLevel` stay out, as Starlight itself would leave them.
 */
export async function addPanelToToc(route: StarlightRouteData, t: Translate): Promise<void> {
  const own = route.entry.data.session;
  if (!route.toc || !own) return;
  const session = await getSession(own.id);
  const { minHeadingLevel, maxHeadingLevel } = route.toc;
  const sections = panelSections(session).filter((s) => s.depth >= minHeadingLevel && s.depth <= maxHeadingLevel);
  const [title, ...parts] = sections;
  if (!title) return;
  const item = (s: (typeof sections)[number]): TocItem => ({
    depth: s.depth,
    slug: s.id,
    text: t(s.key),
    children: [],
  });
  const panel = { ...item(title), children: parts.map(item) };
  const [overview, ...rest] = route.toc.items;
  route.toc.items = overview ? [overview, panel, ...rest] : [panel, ...rest];
}
