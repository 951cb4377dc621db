// Rules of the links between pages: ids are unique, references point at pages that exist, and
// every manual and session has exactly one place (pegboard's "every link resolves").
import type { PageFrontmatter } from '../schemas/index.ts';
import type { CurriculumInput } from './input.ts';
import type { ContentRule, RuleIssue } from './rule.ts';

const blocks = ['session', 'manual', 'programme', 'handout'] as const;

export const uniqueId: ContentRule<CurriculumInput> = {
  id: 'unique-id',
  scope: 'curriculum',
  summary: {
    es: 'Cada sesión, manual, programa y hoja tiene un id que ningún otro usa.',
    en: 'Every session, manual, programme and handout has an id no other one uses.',
  },
  check: ({ pages }) =>
    blocks.flatMap((kind) => {
      const first = new Map<string, string>();
      return pages.flatMap((page): RuleIssue[] => {
        const id = (page.data as PageFrontmatter)[kind]?.id;
        if (id === undefined) return [];
        const seen = first.get(id);
        if (seen === undefined) {
          first.set(id, page.file);
          return [];
        }
        const message = `"${id}" is already the id of ${seen} — ids must be unique; choose another`;
        return [{ file: page.file, field: `${kind}.id`, message }];
      });
    }),
};

export const programmeManualExists: ContentRule<CurriculumInput> = {
  id: 'programme-manual-exists',
  scope: 'curriculum',
  summary: {
    es: 'Cada manual que un programa nombra existe.',
    en: 'Every manual a programme lists exists.',
  },
  check: ({ curriculum, broken }) =>
    curriculum.programmes.flatMap((p) =>
      p.manuals.flatMap((id, i) =>
        broken.manual.has(id) || curriculum.manuals.some((m) => m.id === id)
          ? []
          : [
              {
                file: p.file,
                field: `programme.manuals[${i}]`,
                message: `no manual has the id "${id}" — fix the id or add the manual`,
              },
            ],
      ),
    ),
};

export const manualInOneProgramme: ContentRule<CurriculumInput> = {
  id: 'manual-in-one-programme',
  scope: 'curriculum',
  summary: {
    es: 'Un manual está en un solo programa.',
    en: 'A manual belongs to one programme.',
  },
  check: ({ curriculum, broken }) => {
    const owner = new Map<string, string>();
    return curriculum.programmes.flatMap((p) =>
      p.manuals.flatMap((id, i): RuleIssue[] => {
        if (broken.manual.has(id) || !curriculum.manuals.some((m) => m.id === id)) return [];
        const first = owner.get(id);
        if (first === undefined) {
          owner.set(id, p.id);
          return [];
        }
        const message = `manual "${id}" is already listed by programme "${first}" — a manual belongs to one programme`;
        return [{ file: p.file, field: `programme.manuals[${i}]`, message }];
      }),
    );
  },
};

export const manualHasProgramme: ContentRule<CurriculumInput> = {
  id: 'manual-has-programme',
  scope: 'curriculum',
  summary: {
    es: 'Cada manual está en la lista de manuales de un programa.',
    en: 'Every manual is listed by a programme.',
  },
  // A programme page that failed its schema may be the one that lists it: say nothing then.
  check: ({ curriculum, broken }) =>
    broken.programme.size > 0
      ? []
      : curriculum.manuals
          .filter((m) => !m.programme)
          .map((m) => ({
            file: m.file,
            field: 'manual.id',
            message: `no programme lists manual "${m.id}" — add it to the manuals of its programme's index page`,
          })),
};

export const manualSessionExists: ContentRule<CurriculumInput> = {
  id: 'manual-session-exists',
  scope: 'curriculum',
  summary: {
    es: 'Cada sesión que un manual nombra existe.',
    en: 'Every session a manual lists exists.',
  },
  check: ({ curriculum, broken }) =>
    curriculum.manuals.flatMap((m) =>
      m.sessions.flatMap((id, i) =>
        broken.session.has(id) || curriculum.sessions.some((s) => s.id === id)
          ? []
          : [
              {
                file: m.file,
                field: `manual.sessions[${i}]`,
                message: `no session has the id "${id}" — fix the id or add the session`,
              },
            ],
      ),
    ),
};

/** Where each listed session was first listed, walking the manuals in order: what the next two rules compare. */
function placings({ curriculum, broken }: CurriculumInput) {
  const first = new Map<string, { manual: string; order: number }>();
  return curriculum.manuals.flatMap((m) =>
    m.sessions.flatMap((id, i) => {
      if (broken.session.has(id) || !curriculum.sessions.some((s) => s.id === id)) return [];
      const place = first.get(id);
      if (place === undefined) first.set(id, { manual: m.id, order: i + 1 });
      return place ? [{ manual: m, id, i, place }] : [];
    }),
  );
}

export const sessionListedOnce: ContentRule<CurriculumInput> = {
  id: 'session-listed-once',
  scope: 'curriculum',
  summary: {
    es: 'Un manual nombra cada sesión una sola vez.',
    en: 'A manual lists each session once.',
  },
  check: (input) =>
    placings(input)
      .filter(({ manual, place }) => place.manual === manual.id)
      .map(({ manual, id, i, place }) => ({
        file: manual.file,
        field: `manual.sessions[${i}]`,
        message:
          `session "${id}" is listed twice (also at position ${place.order}) — ` +
          'each session has one place in the order; remove one',
      })),
};

export const sessionInOneManual: ContentRule<CurriculumInput> = {
  id: 'session-in-one-manual',
  scope: 'curriculum',
  summary: {
    es: 'Una sesión está en un solo manual.',
    en: 'A session belongs to one manual.',
  },
  check: (input) =>
    placings(input)
      .filter(({ manual, place }) => place.manual !== manual.id)
      .map(({ manual, id, i, place }) => ({
        file: manual.file,
        field: `manual.sessions[${i}]`,
        message: `session "${id}" is already listed by manual "${place.manual}" — a session belongs to one manual`,
      })),
};

export const sessionHasManual: ContentRule<CurriculumInput> = {
  id: 'session-has-manual',
  scope: 'curriculum',
  summary: {
    es: 'Cada sesión está en la lista de sesiones de un manual.',
    en: 'Every session is listed by a manual.',
  },
  // A manual page that failed its schema may be the one that lists it: say nothing then.
  check: ({ curriculum, broken }) =>
    broken.manual.size > 0
      ? []
      : curriculum.sessions
          .filter((s) => !s.manual)
          .map((s) => ({
            file: s.file,
            field: 'session.id',
            message: `no manual lists session "${s.id}" — add it to the sessions of its manual's index page`,
          })),
};

export const handoutExists: ContentRule<CurriculumInput> = {
  id: 'handout-exists',
  scope: 'curriculum',
  summary: {
    es: 'Cada hoja que una sesión nombra existe.',
    en: 'Every handout a session lists exists.',
  },
  check: ({ curriculum, broken }) =>
    curriculum.sessions.flatMap((s) =>
      s.handouts.flatMap((id, i) =>
        broken.handout.has(id) || curriculum.handouts.some((h) => h.id === id)
          ? []
          : [
              {
                file: s.file,
                field: `session.handouts[${i}]`,
                message: `no handout has the id "${id}" — fix the id or add a page with a handout block (id: ${id})`,
              },
            ],
      ),
    ),
};
