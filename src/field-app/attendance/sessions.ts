import { manualsOfProgramme, sessionsOfManual, type Curriculum } from '../../curriculum/resolve.ts';

/** The audience whose meetings the attendance screen records: the members of a community bank. */
const BANK_MEMBERS = 'socias';

/**
 * The sessions a community bank can receive, grouped by manual in teaching order: every manual
 * written for bank members. Leaders' workshops and facilitator training are recorded elsewhere.
 */
export function attendanceSessions(curriculum: Curriculum) {
  return curriculum.programmes.flatMap((programme) =>
    manualsOfProgramme(curriculum, programme.id)
      .filter((manual) => manual.audience.includes(BANK_MEMBERS))
      .map((manual) => ({
        manual: manual.title,
        sessions: sessionsOfManual(curriculum, manual.id).map((s) => ({ id: s.id, title: s.title })),
      })),
  );
}
