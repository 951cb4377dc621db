import { coreSteps } from '../../curriculum/core.ts';
import { manualsOfProgramme, sessionsOfManual, type Curriculum, type Session } from '../../curriculum/resolve.ts';

/** The audience whose meetings the attendance screen records: the members of a community bank. */
const BANK_MEMBERS = 'socias';

/** A page's title in the screen's language, from its slug and its source title. */
export type TitleOf = (slug: string, sourceTitle: string) => string;

/** How the screen's language names pages and a session's agenda steps (both default to the source's). */
export interface InLanguage {
  titleOf: TitleOf;
  /** The translated page's step titles, in agenda order, or undefined where it is not translated. */
  stepTitlesOf: (slug: string) => string[] | undefined;
}
const asSource: InLanguage = { titleOf: (_, title) => title, stepTitlesOf: () => undefined };

/**
 * The sessions a community bank can receive, grouped by manual in teaching order: every manual
 * written for bank members. Leaders' workshops and facilitator training are recorded elsewhere.
 * Titles through `titleOf`, so a translated screen lists translated sessions; ids stay the same.
 */
export function attendanceSessions(curriculum: Curriculum, { titleOf, stepTitlesOf }: InLanguage = asSource) {
  return curriculum.programmes.flatMap((programme) =>
    manualsOfProgramme(curriculum, programme.id)
      .filter((manual) => manual.audience.includes(BANK_MEMBERS))
      .map((manual) => ({
        manual: titleOf(manual.slug, manual.title),
        sessions: sessionsOfManual(curriculum, manual.id).map((s) => ({
          id: s.id,
          title: titleOf(s.slug, s.title),
          steps: agendaSteps(s, stepTitlesOf(s.slug)),
        })),
      })),
  );
}

/** One agenda step as the roll-call screen lists it: [0-based agenda index, title, 1 if core]. */
export type ListedStep = [index: number, title: string, core: 0 | 1];

/**
 * A session's agenda steps for "¿Qué pasos hiciste?" (titles from `titles` when given): core steps first (what the fidelity
 * figures count), then the others, each in agenda order. Compact tuples: every session's list
 * goes into the page, which the phone keeps offline.
 */
export function agendaSteps(session: Pick<Session, 'agenda'>, titles?: string[]): ListedStep[] {
  const core = new Set(coreSteps(session).map((c) => c.index));
  // A translation keeps the source's steps (translations.ts): its titles are used only if they line up.
  const named = titles?.length === session.agenda.length ? titles : undefined;
  const all = session.agenda.map((step, index): ListedStep => [
    index,
    named?.[index] ?? step.title,
    core.has(index) ? 1 : 0,
  ]);
  return [...all.filter((s) => s[2]), ...all.filter((s) => !s[2])];
}
