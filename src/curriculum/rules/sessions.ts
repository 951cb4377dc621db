// Rules a session follows that need more than its own page: its summary (shown in lists), its
// referral keys (the directory is another file) and the safety box its programme asks for.
import type { CurriculumInput } from './input.ts';
import type { ContentRule } from './rule.ts';

export const sessionDescription: ContentRule<CurriculumInput> = {
  id: 'session-description',
  scope: 'curriculum',
  summary: {
    es: 'Cada sesión tiene un resumen de una o dos oraciones en description.',
    en: 'Every session has a one- or two-sentence summary in description.',
  },
  check: ({ curriculum }) =>
    curriculum.sessions
      .filter((s) => !s.summary)
      .map((s) => ({
        file: s.file,
        field: 'description',
        message: 'a session needs a one- or two-sentence summary — add a description',
      })),
};

export const referralKeyExists: ContentRule<CurriculumInput> = {
  id: 'referral-key-exists',
  scope: 'curriculum',
  summary: {
    es: 'Cada servicio de derivación de una sesión está en el directorio de derivación.',
    en: 'Every referral service of a session is in the referral directory.',
  },
  check: ({ curriculum: { sessions, referrals } }) => {
    const keys = referrals.services.map((s) => s.key);
    return sessions.flatMap((s) =>
      (s.safety?.referral ?? []).flatMap((key, i) =>
        keys.includes(key)
          ? []
          : [
              {
                file: s.file,
                field: `session.safety.referral[${i}]`,
                message:
                  `"${key}" is not in the referral directory (content/referrals/${referrals.country}.yaml) — ` +
                  `use one of: ${keys.join(', ')}`,
              },
            ],
      ),
    );
  },
};

/**
 * A woman may disclose in any meeting of a programme that touches violence, not only in the
 * sessions that name violence: so every session of such a programme has a safety box.
 */
export const programmeSafetyBox: ContentRule<CurriculumInput> = {
  id: 'programme-safety-box',
  scope: 'curriculum',
  summary: {
    es: 'Si el programa toca la violencia, todas sus sesiones tienen recuadro de seguridad.',
    en: 'If a programme touches violence, every one of its sessions has a safety box.',
  },
  check: ({ curriculum }) =>
    curriculum.programmes
      .filter((p) => p.touchesViolence)
      .flatMap((programme) =>
        curriculum.sessions
          .filter((s) => s.programme === programme.id && !s.safety)
          .map((s) => ({
            file: s.file,
            field: 'session.safety',
            message:
              `programme "${programme.id}" touches violence (programme.touchesViolence in ${programme.file}), ` +
              'so every one of its sessions needs a safety box — add safety.disclosure (what to do if a woman ' +
              'discloses violence) and safety.referral (keys from content/referrals, e.g. linea-100)',
          })),
      ),
};
