/**
 * The field app's place in the site's sidebar, after the curriculum: the attendance screen and
 * the coordinator view. Links (not slugs): both pages are Spanish-only for now.
 */
export function fieldAppSidebar() {
  return {
    label: 'En el campo',
    translations: { en: 'In the field' },
    collapsed: true,
    items: [
      { label: 'Tomar asistencia', translations: { en: 'Take attendance' }, link: '/asistencia/' },
      { label: 'Coordinación', translations: { en: 'Coordination' }, link: '/coordinacion/' },
      { label: 'Oficina del programa', translations: { en: 'Programme office' }, link: '/oficina/' },
    ],
  };
}
