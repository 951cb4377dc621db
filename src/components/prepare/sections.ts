import type { z } from 'zod';
import type { Session } from '../../curriculum/resolve.ts';
import type { uiStringsSchema } from '../../curriculum/schemas/ui-strings.ts';

/** One heading of the "Preparar la sesión" panel, as Starlight's table of contents lists it. */
export interface PanelSection {
  /** The heading's id in the page, the target of its "En esta página" link. */
  id: string;
  /** The heading's level: the panel's title is 2, its parts are 3. */
  depth: 2 | 3;
  /** The key of its text among the interface strings (content/i18n/). */
  key: Extract<keyof z.infer<typeof uiStringsSchema>, string>;
}

/** The ids of the panel's headings, fixed once: PreparePanel.astro renders its headings with these. */
export const sectionId = {
  objectives: 'preparar-objetivos',
  agenda: 'preparar-agenda',
  materials: 'preparar-materiales',
  handouts: 'preparar-hojas',
  keyMessages: 'preparar-mensajes',
  title: 'preparar',
  // Not "seguridad": a body's own "## Seguridad" heading gets that id, and ids must be unique.
  safety: 'recuadro-seguridad',
} as const;

/** What the panel shows decides what it lists; the panel and the route middleware both read this. */
type PanelContent = Pick<Session, 'materials' | 'handouts' | 'safety'>;

/**
 * The panel's headings in the order PreparePanel.astro renders them. The panel is a component, not
 * Markdown, so Starlight never sees its headings; route-middleware.ts adds these to the page's
 * table of contents. The ids are fixed here once, and the panel takes them from here.
 */
export function panelSections(session: PanelContent): PanelSection[] {
  const parts: (PanelSection | false)[] = [
    { id: sectionId.title, depth: 2, key: 'tejido.prepare.title' },
    { id: sectionId.objectives, depth: 3, key: 'tejido.prepare.objectives' },
    { id: sectionId.agenda, depth: 3, key: 'tejido.prepare.agenda' },
    session.materials.length > 0 && { id: sectionId.materials, depth: 3, key: 'tejido.prepare.materials' },
    session.handouts.length > 0 && { id: sectionId.handouts, depth: 3, key: 'tejido.prepare.handouts' },
    { id: sectionId.keyMessages, depth: 3, key: 'tejido.prepare.keyMessages' },
    session.safety !== undefined && { id: sectionId.safety, depth: 3, key: 'tejido.safety.title' },
  ];
  return parts.filter((part) => part !== false);
}
