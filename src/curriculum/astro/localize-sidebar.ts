import type { StarlightRouteData } from '@astrojs/starlight/route-data';

type SidebarEntry = StarlightRouteData['sidebar'][number];
type Titles = ReadonlyMap<string, { source?: string; translated?: string }>;

/**
 * The curriculum's sidebar is built once, from the source language, so its labels are the Spanish
 * pages' titles. On a translated page, each link labelled with its page's source title gets the
 * translated title instead, and each group labelled like a page (a programme, a manual) gets that
 * page's translated title. Fixed labels (search, "Presentación") carry their own translations
 * from content/i18n/ (sidebar.ts) and are left alone. Pages without a translation keep the source title.
 */
export function localizeSidebar(sidebar: SidebarEntry[], locale: string, titles: Titles): SidebarEntry[] {
  const bySourceTitle = new Map<string, string>();
  for (const { source, translated } of titles.values()) if (source && translated) bySourceTitle.set(source, translated);
  const prefix = `/${locale}/`;
  const walk = (entries: SidebarEntry[]): SidebarEntry[] =>
    entries.map((entry) => {
      if (entry.type === 'group')
        return { ...entry, label: bySourceTitle.get(entry.label) ?? entry.label, entries: walk(entry.entries) };
      if (!entry.href.startsWith(prefix)) return entry;
      const page = titles.get(entry.href.slice(prefix.length).replace(/\/$/, ''));
      return page?.translated && page.source === entry.label ? { ...entry, label: page.translated } : entry;
    });
  return walk(sidebar);
}
