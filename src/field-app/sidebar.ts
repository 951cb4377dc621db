import type { SidebarStrings } from '../curriculum/astro/sidebar-strings.ts';

/**
 * The field app's place in the site's sidebar, after the curriculum: the attendance screen, the
 * coordinator view and the office. Labels from content/i18n/. On a translated side Starlight
 * prefixes the links (/en/asistencia/): those pages exist there, the attendance screen in English
 * and, where a screen is not translated yet, a note that opens the Spanish one (src/pages/en/).
 */
export function fieldAppSidebar(text: SidebarStrings) {
  return {
    ...text('tejido.sidebar.field'),
    collapsed: true,
    items: [
      { ...text('tejido.sidebar.attendance'), link: '/asistencia/' },
      { ...text('tejido.sidebar.coordination'), link: '/coordinacion/' },
      { ...text('tejido.sidebar.office'), link: '/oficina/' },
    ],
  };
}
