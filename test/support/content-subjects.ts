import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  manualsOfProgramme,
  sessionsOfManual,
  type Curriculum,
  type Manual,
  type Programme,
  type Session,
} from '../../src/curriculum/resolve.ts';
import { sourceCurriculum } from './built-site.ts';
import { projectRoot } from './content-root.ts';

/**
 * What an engine test works on, found in the content instead of named by the test: an
 * organisation that renames, reorders or rewrites its sessions changes the subjects, not the
 * tests. Tests of what the organisation's own sessions say (test/curriculum/…) may name them.
 */
export interface Subjects {
  /** The first programme, in the organisation's order, that works on violence (else the first). */
  programme: Programme;
  /** Its first manual. */
  manual: Manual;
  /** That manual's sessions in teaching order. */
  sessions: Session[];
  /** Another programme than `programme`, when the content has one (the sidebar tells them apart). */
  otherProgramme: Programme | undefined;
  /** `sessions` that have an English page (content/docs/en/<slug>.md or .mdx). */
  englishSessions: Session[];
  /** The first session of the curriculum with no English page: the English site falls back to Spanish there. */
  untranslatedSession: Session | undefined;
  /** The first manual whose sessions are laid out by day (`day:`), if any. */
  manualByDays: Manual | undefined;
}

/** True when `slug` has a page in `lang` (a translation under content/docs/<lang>/). */
export function hasPageIn(lang: string, slug: string): boolean {
  return ['.md', '.mdx'].some((ext) => existsSync(join(projectRoot, 'content', 'docs', lang, `${slug}${ext}`)));
}

export function subjects(curriculum: Curriculum = sourceCurriculum()): Subjects {
  const programme = curriculum.programmes.find((p) => p.touchesViolence) ?? curriculum.programmes[0];
  if (!programme) throw new Error('the content has no programme: an engine test needs one');
  const manual = manualsOfProgramme(curriculum, programme.id)[0];
  if (!manual) throw new Error(`programme ${programme.id} has no manual: an engine test needs one`);
  const sessions = sessionsOfManual(curriculum, manual.id);
  return {
    programme,
    manual,
    sessions,
    otherProgramme: curriculum.programmes.find((p) => p.id !== programme.id),
    englishSessions: sessions.filter((s) => hasPageIn('en', s.slug)),
    untranslatedSession: curriculum.sessions.find((s) => !hasPageIn('en', s.slug)),
    manualByDays: curriculum.manuals.find((m) => sessionsOfManual(curriculum, m.id).some((s) => s.day !== undefined)),
  };
}
