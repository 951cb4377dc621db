import { defineRouteMiddleware } from '@astrojs/starlight/route-data';
import { getCurriculum, pageTitles } from './curriculum.ts';
import { localizeSidebar } from './localize-sidebar.ts';
import { scopePagination, scopeSidebar } from './programme-sidebar.ts';
import { addPanelToToc } from './panel-toc.ts';

/**
 * Starlight route middleware (astro.config.mjs `routeMiddleware`): every page gets the sidebar of
 * its own programme only, the others as one link each, so the HTML of a page stays the same size
 * however many programmes the organisation publishes (issue 13: at 10× the content the sidebar
 * was 75% of all HTML). Prev/next are recomputed from that sidebar. A session page's table of
 * contents also lists its "Preparar la sesión" panel (panel-toc.ts).
 */
export const onRequest = defineRouteMiddleware(async (context) => {
  const route = context.locals.starlightRoute;
  const prefix = route.locale ? `/${route.locale}` : '';
  const landings = new Set((await getCurriculum()).programmes.map((p) => `${prefix}/${p.slug}/`));
  // On a translated page, titles in its language first: prev/next are taken from this sidebar.
  const sidebar = route.locale
    ? localizeSidebar(route.sidebar, route.locale, await pageTitles(route.locale))
    : route.sidebar;
  // The panel's keys are Tejido's own strings (ui-strings.ts); Starlight types t() for its own only.
  const t = context.locals.t as unknown as (key: string) => string;
  const allProgrammes = { label: t('tejido.sidebar.allProgrammes'), href: `${prefix}/` };
  const scoped = scopeSidebar(sidebar, landings, context.url.pathname, allProgrammes);
  route.pagination = scopePagination(scoped, route.pagination, route.entry.data);
  route.sidebar = scoped.sidebar;
  await addPanelToToc(route, (key) => t(key));
});
