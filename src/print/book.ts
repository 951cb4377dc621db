import { sessionsOfManual, type Curriculum, type Manual, type Programme, type Session } from '../curriculum/resolve.ts';

export interface Book {
  manual: Manual;
  programme: Programme | undefined;
  sessions: Session[];
  /** Sessions grouped by workshop day, in order; one group with `day` undefined when the manual has no days. */
  days: { day: number | undefined; sessions: Session[] }[];
  /** The most recent review date of any of its sessions (YYYY-MM-DD): the date printed on the cover. */
  reviewed: string;
}

/** Everything a manual's printed book shows that is not page layout, read from the curriculum. */
export function bookOf(curriculum: Curriculum, manualId: string): Book {
  const manual = curriculum.manuals.find((m) => m.id === manualId);
  if (!manual) throw new Error(`Unknown manual id "${manualId}"`);
  const sessions = sessionsOfManual(curriculum, manualId);
  const days = [...new Set(sessions.map((s) => s.day))].map((day) => ({
    day,
    sessions: sessions.filter((s) => s.day === day),
  }));
  const reviewed =
    sessions
      .map((s) => s.lastReviewed)
      .sort()
      .at(-1) ?? '';
  return { manual, programme: curriculum.programmes.find((p) => p.id === manual.programme), sessions, days, reviewed };
}

/** Anchor of a session inside its book: the contents links to it and `npm run pdf` finds its page by it. */
export const sessionAnchor = (sessionId: string) => `sesion-${sessionId}`;
