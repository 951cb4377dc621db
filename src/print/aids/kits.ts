import type { Aid } from '../../curriculum/schemas/aid.ts';
import { kitSheets } from './layout.ts';

/** One session's printable aids in one language: one PDF. */
export interface AidKit {
  sessionId: string;
  /** Undefined for the default language; a translation's code (e.g. "en") otherwise. */
  lang?: string;
  /** The session page's title in that language. */
  title: string;
  aids: Aid[];
  /** A4 sheets the kit prints on. */
  sheets: number;
}

/** A session page's kit, or none when it declares no aids. */
export function kitOf(page: { sessionId: string; lang?: string; title: string; aids: Aid[] }): AidKit | undefined {
  if (page.aids.length === 0) return undefined;
  return { ...page, sheets: kitSheets(page.aids) };
}
