import { checkContent } from './check.ts';
import { readPages } from './load/from-disk.ts';
import { meanSentenceLength } from './readability.ts';
import { manualsOfProgramme, sessionsOfManual } from './resolve.ts';
import type { ContentError } from './content-error.ts';
import { shortVersionMinutes } from './short-agenda.ts';
import type { SessionMeta } from './schemas/index.ts';

export const MAX_MEAN_SENTENCE_WORDS = 20;

export interface SessionLintRow {
  id: string;
  file: string;
  agendaMinutes: number;
  durationMinutes: number;
  touchesViolence: boolean;
  hasDisclosureGuidance: boolean;
  referrals: number;
  meanSentenceWords: number;
  /** Minutes of the session's short version; undefined when it has none. */
  shortMinutes?: number;
  /** The most a short version may take, as the session declares it (30 unless it says less). */
  shortDeclared?: number;
  /** How many printable aids the session declares. */
  aids: number;
  problems: string[];
}

/**
 * The content lint: the validator's errors plus one row of figures per session, so an author
 * sees at a glance that every session holds up (minutes add up, violence ⇒ guidance and referral,
 * references exist, sentences short enough).
 */
export function lintContent(root: string): { rows: SessionLintRow[]; errors: ContentError[] } {
  const { curriculum, errors } = checkContent(root);
  const bodies = new Map(readPages(root).pages.map((p) => [p.file, p.body ?? '']));
  const errorsByFile = new Map<string, ContentError[]>();
  for (const e of errors) errorsByFile.set(e.file, [...(errorsByFile.get(e.file) ?? []), e]);
  // In reading order: programme by programme, manual by manual, session by session.
  const ordered = (curriculum?.programmes ?? []).flatMap((p) =>
    manualsOfProgramme(curriculum!, p.id).flatMap((m) => sessionsOfManual(curriculum!, m.id)),
  );
  const rows = ordered.map((s) => {
    const readability = meanSentenceLength(bodies.get(s.file) ?? '');
    const problems = (errorsByFile.get(s.file) ?? []).map((e) => `${e.field}: ${e.message}`);
    if (readability.mean > MAX_MEAN_SENTENCE_WORDS)
      problems.push(
        `sentences average ${readability.mean.toFixed(1)} words (at most ${MAX_MEAN_SENTENCE_WORDS}) — split the long ones`,
      );
    return {
      id: s.id,
      file: s.file,
      agendaMinutes: s.agenda.reduce((n, step) => n + step.minutes, 0),
      durationMinutes: s.durationMinutes,
      touchesViolence: s.touchesViolence,
      hasDisclosureGuidance: Boolean(s.safety?.disclosure.length),
      referrals: s.safety?.referral.length ?? 0,
      meanSentenceWords: Number(readability.mean.toFixed(1)),
      shortMinutes: s.shortVersion ? shortVersionMinutes(s.agenda, s.shortVersion) : undefined,
      shortDeclared: s.shortVersion?.minutes,
      aids: printableAidsCount(s),
      problems,
    };
  });
  return { rows, errors };
}

/**
 * How many printable aids a session declares. Sessions gain an `aids:` list in another change;
 * until then no session has one and this counts 0, and once the field exists it counts it as is.
 */
export function printableAidsCount(session: SessionMeta): number {
  const aids: unknown = (session as { aids?: unknown }).aids;
  return Array.isArray(aids) ? aids.length : 0;
}
