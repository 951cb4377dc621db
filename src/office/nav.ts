import type { Role } from '../attendance/db/tables.ts';

/**
 * The office's pages, as data: the menu on every office page shows those the reader's role may
 * use. Paths are the Spanish ones; other languages add their prefix (/en/…).
 */
export const officePages = [
  { key: 'home', path: '/oficina/', roles: ['admin', 'coordinator', 'facilitator'] },
  { key: 'organisation', path: '/oficina/organizacion/', roles: ['admin'] },
  { key: 'members', path: '/oficina/socias/', roles: ['admin', 'facilitator'] },
  { key: 'rollCalls', path: '/oficina/asistencias/', roles: ['admin', 'facilitator'] },
  // The field app is prerendered in Spanish only (for now): no /en/ copy to link to.
  { key: 'attendance', path: '/asistencia/', roles: ['facilitator'], oneLanguage: true },
  { key: 'workshops', path: '/oficina/talleres/', roles: ['admin', 'coordinator', 'facilitator'] },
  { key: 'activities', path: '/oficina/actividades/', roles: ['admin', 'coordinator', 'facilitator'] },
  { key: 'indicators', path: '/oficina/indicadores/', roles: ['admin', 'coordinator', 'facilitator'] },
  // Delivery fidelity (issue 17): figures above the facilitator only.
  { key: 'fidelity', path: '/oficina/fidelidad/', roles: ['admin', 'coordinator'] },
] as const satisfies readonly { key: string; path: string; roles: readonly Role[]; oneLanguage?: boolean }[];

export type OfficePageKey = (typeof officePages)[number]['key'];

/** A site path in a language: the default language has no prefix. */
export const localPath = (path: string, lang: string, defaultLang: string) =>
  lang === defaultLang || path.startsWith('/api/') ? path : `/${lang}${path}`;
