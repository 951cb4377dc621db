import { coreSteps } from '../../curriculum/core.ts';
import { manualsOfProgramme, sessionsOfManual, type Curriculum, type Session } from '../../curriculum/resolve.ts';

/** The audience whose meetings the attendance screen records: the members of a community bank. */
const BANK_MEMBERS = 'socias';

/** A page's title in the screen's language, from its slug and its source title. */
export type TitleOf = (slug: string, sourceTitle: string) => string;

/**
 * The sessions a community bank can receive, grouped by manual in teaching order: every manual
 * written for bank members. Leaders' workshops and facilitator training are recorded elsewhere.
 * Titles through `titleOf`, so a translated screen lists translated sessions; ids stay the same.
 */
export function attendanceSessions(curriculum: Curriculum, titleOf: TitleOf = (_, title) => title) {
  return curriculum.programmes.flatMap((programme) =>
    manualsOfProgramme(curriculum, programme.id)
      .filter((manual) => manual.audience.includes(BANK_MEMBERS))
      .map((manual) => ({
        manual: titleOf(manual.slug, manual.title),
        sessions: sessionsOfManual(curriculum, manual.id).map((s) => ({
          id: s.id,
          title: titleOf(s.slug, s.title),
          steps: agendaSteps(s),
        })),
      })),
  );
}

/** One agenda step as the roll-call screen lists it: [0-based agenda index, title, 1 if core]. */
export type ListedStep = [index: number, title: string, core: 0 | 1];

/**
 * A session's agenda steps for "¿Qué pasos hiciste?": core steps first (what the fidelity
 * figures count), then the others, each in agenda order. Compact tuples: every session's list
 * goes into the page, which the phone keeps offline.
 */
export function agendaSteps(session: Pick<Session, 'agenda'>): ListedStep[] {
  const core = new Set(coreSteps(session).map((c) => c.index));
  const all = session.agenda.map((step, index): ListedStep => [index, step.title, core.has(index) ? 1 : 0]);
  return [...all.filter((s) => s[2]), ...all.filter((s) => !s[2])];
}
