import { manualsOfProgramme, sessionsOfManual, type Curriculum } from '../resolve.ts';
import type { SidebarStrings } from './sidebar-strings.ts';

/** Starlight's sidebar config, in the shape `starlight({ sidebar })` takes. */
type SidebarItem =
  | { label: string; translations?: Record<string, string>; link: string }
  | { label: string; translations?: Record<string, string>; collapsed?: boolean; items: SidebarItem[] };

const link = (slug: string) => `/${slug}/`;

/**
 * The sidebar follows the curriculum's own order (programme → manuals → sessions as listed),
 * so reordering a manual's `sessions` reorders the navigation with it. Fixed labels come from
 * content/i18n/ (`text`); programme, manual and session titles are the source pages' own, and a
 * translated page shows its language's titles (localize-sidebar.ts, in the route middleware).
 */
export function curriculumSidebar(curriculum: Curriculum, text: SidebarStrings): SidebarItem[] {
  return [searchLink(text), ...programmeGroups(curriculum, text), organisationGroup(text)];
}

/** The faceted search (src/pages/buscar.astro): find a session by topic, audience, length. */
const searchLink = (text: SidebarStrings): SidebarItem => ({ ...text('tejido.sidebar.search'), link: '/buscar/' });

/** Pages for the teams that adapt, translate and reuse the curriculum. */
const organisationGroup = (text: SidebarStrings): SidebarItem => ({
  ...text('tejido.sidebar.organisations'),
  collapsed: true,
  items: [
    { ...text('tejido.sidebar.adapt'), link: '/adaptar/' },
    { ...text('tejido.sidebar.addLanguage'), link: '/adaptar/agregar-un-idioma/' },
    { ...text('tejido.sidebar.attendanceSetup'), link: '/adaptar/poner-en-marcha-la-asistencia/' },
    { ...text('tejido.sidebar.server'), link: '/adaptar/operar-el-servidor/' },
    { ...text('tejido.sidebar.coverage'), link: '/traducciones/' },
    { ...text('tejido.sidebar.adaptations'), link: '/adaptaciones/' },
    { ...text('tejido.sidebar.credits'), link: '/creditos/' },
    { ...text('tejido.sidebar.catalog'), link: '/desarrolladores/catalogo/' },
  ],
});

function programmeGroups(curriculum: Curriculum, text: SidebarStrings): SidebarItem[] {
  return curriculum.programmes.map((programme) => ({
    label: programme.title,
    items: [
      { ...text('tejido.sidebar.presentation'), link: link(programme.slug) },
      ...manualsOfProgramme(curriculum, programme.id).map((manual) => ({
        label: manual.title,
        collapsed: true,
        items: [
          { ...text('tejido.sidebar.howToUse'), link: link(manual.slug) },
          ...sessionsOfManual(curriculum, manual.id).map((session) => ({
            label: session.title,
            link: link(session.slug),
          })),
        ],
      })),
    ],
  }));
}
