// Rules of a programme's completion rule: the attendance API counts completion from it, so it
// must name one of the programme's manuals and ask for no more sessions than that manual counts.
import type { CurriculumInput } from './input.ts';
import type { ContentRule } from './rule.ts';

export const completionManual: ContentRule<CurriculumInput> = {
  id: 'completion-manual',
  scope: 'curriculum',
  summary: {
    es: 'La regla para completar un programa usa uno de los manuales del programa.',
    en: "A programme's completion rule names one of the programme's manuals.",
  },
  check: ({ curriculum }) =>
    curriculum.programmes
      .filter((p) => !p.manuals.includes(p.completionRule.manual))
      .map((p) => ({
        file: p.file,
        field: 'programme.completionRule.manual',
        message:
          `"${p.completionRule.manual}" is not one of this programme's manuals — ` +
          `use one of: ${p.manuals.join(', ')}`,
      })),
};

export const completionMinSessions: ContentRule<CurriculumInput> = {
  id: 'completion-min-sessions',
  scope: 'curriculum',
  summary: {
    es: 'La regla para completar no pide más sesiones de las que cuentan en su manual.',
    en: 'A completion rule asks for no more sessions than its manual has that count.',
  },
  check: ({ curriculum, broken }) =>
    curriculum.programmes.flatMap((p) => {
      const rule = p.completionRule;
      const manual = curriculum.manuals.find((m) => m.id === rule.manual);
      // A manual that is not the programme's, or has a broken session, has its own error already.
      if (!p.manuals.includes(rule.manual) || !manual || manual.sessions.some((id) => broken.session.has(id)))
        return [];
      const counted = curriculum.sessions.filter((s) => s.manual === rule.manual && s.countsTowardCompletion).length;
      if (rule.minSessions <= counted) return [];
      return [
        {
          file: p.file,
          field: 'programme.completionRule.minSessions',
          message:
            `asks for ${rule.minSessions} sessions but manual "${rule.manual}" has only ${counted} ` +
            'that count toward completion — lower it or mark more sessions',
        },
      ];
    }),
};
