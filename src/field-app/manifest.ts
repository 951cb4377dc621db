import { join } from 'node:path';
import { contentRoot } from '../curriculum/astro/content-root.ts';
import { sidebarStrings } from '../curriculum/astro/sidebar-strings.ts';
import type { Organisation } from '../curriculum/schemas/organisation.ts';

const BACKGROUND_COLOUR = '#ffffff';

/** The browser's colour for the app's bar and splash screen: the organisation's primary colour. */
export const themeColour = (organisation: Organisation) => organisation.colours.primary;

/** The attendance screen's name in the default language: the sidebar's label (content/i18n/). */
const attendanceLabel = (organisation: Organisation) =>
  sidebarStrings(join(contentRoot(), 'content', 'i18n'), organisation.defaultLanguage)('tejido.sidebar.attendance')
    .label;

/** The web app manifest: what a phone shows when the facilitator adds the site to its home screen. */
export function webManifest(organisation: Organisation, base = '/') {
  return {
    name: organisation.shortName.includes(organisation.name)
      ? organisation.shortName
      : `${organisation.shortName} (${organisation.name})`,
    short_name: organisation.shortName,
    lang: organisation.defaultLanguage,
    start_url: base,
    scope: base,
    display: 'standalone',
    theme_color: themeColour(organisation),
    background_color: BACKGROUND_COLOUR,
    icons: [{ src: `${base}favicon.svg`, sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
    shortcuts: [{ name: attendanceLabel(organisation), url: `${base}asistencia/` }],
  };
}

/** Starlight `head` entries for every page: the manifest and the theme colour. */
export function fieldAppHead(organisation: Organisation): { tag: 'link' | 'meta'; attrs: Record<string, string> }[] {
  return [
    { tag: 'link', attrs: { rel: 'manifest', href: '/manifest.webmanifest' } },
    { tag: 'meta', attrs: { name: 'theme-color', content: themeColour(organisation) } },
  ];
}
