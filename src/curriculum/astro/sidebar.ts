import { manualsOfProgramme, sessionsOfManual, type Curriculum } from '../resolve.ts';

/** Starlight's sidebar config, in the shape `starlight({ sidebar })` takes. */
type SidebarItem = { label: string; link: string } | { label: string; collapsed?: boolean; items: SidebarItem[] };

const link = (slug: string) => `/${slug}/`;

/**
 * The sidebar follows the curriculum's own order (programme → manuals → sessions as listed),
 * so reordering a manual's `sessions` reorders the navigation with it.
 */
export function curriculumSidebar(curriculum: Curriculum): SidebarItem[] {
  return [searchLink, ...programmeGroups(curriculum), organisationGroup];
}

/** The faceted search (src/pages/buscar.astro): find a session by topic, audience, length. */
const searchLink: SidebarItem = { label: 'Buscar sesiones', link: '/buscar/' };

/** Pages for the teams that adapt, translate and reuse the curriculum. */
const organisationGroup: SidebarItem = {
  label: 'Para organizaciones',
  collapsed: true,
  items: [
    { label: 'Adaptar el currículo', link: '/adaptar/' },
    { label: 'Agregar un idioma', link: '/adaptar/agregar-un-idioma/' },
    { label: 'Poner en marcha la asistencia', link: '/adaptar/poner-en-marcha-la-asistencia/' },
    { label: 'Operar el servidor', link: '/adaptar/operar-el-servidor/' },
    { label: 'Cobertura de las traducciones', link: '/traducciones/' },
    { label: 'Adaptaciones', link: '/adaptaciones/' },
    { label: 'Créditos', link: '/creditos/' },
    { label: 'El currículo como datos', link: '/desarrolladores/catalogo/' },
  ],
};

function programmeGroups(curriculum: Curriculum): SidebarItem[] {
  return curriculum.programmes.map((programme) => ({
    label: programme.title,
    items: [
      { label: 'Presentación', link: link(programme.slug) },
      ...manualsOfProgramme(curriculum, programme.id).map((manual) => ({
        label: manual.title,
        collapsed: true,
        items: [
          { label: 'Cómo usar este manual', link: link(manual.slug) },
          ...sessionsOfManual(curriculum, manual.id).map((session) => ({ label: session.title, link: link(session.slug) })),
        ],
      })),
    ],
  }));
}
