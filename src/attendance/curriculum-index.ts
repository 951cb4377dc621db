import type { Curriculum } from '../curriculum/resolve.ts';
import { defaultPolicy, type DisclosurePolicy } from './disclosure/policy.ts';

/** What the attendance API needs to know of the curriculum, looked up by stable id. */
export interface CurriculumIndex {
  sessions: Map<string, { version: string; manual: string; programme: string; countsTowardCompletion: boolean; title: string }>;
  programmes: Map<string, { title: string; completionManual: string; minSessions: number; countedSessionIds: string[] }>;
  /** The organisation's small-count threshold for figures above the facilitator. */
  disclosure: DisclosurePolicy;
}

/** Built once from the checked curriculum: session ids and the completion rule come from content, never from code. */
export function indexCurriculum(curriculum: Curriculum, disclosure: DisclosurePolicy = defaultPolicy): CurriculumIndex {
  const sessions = new Map(
    curriculum.sessions.map((s) => [s.id, { version: s.version, manual: s.manual, programme: s.programme, countsTowardCompletion: s.countsTowardCompletion, title: s.title }]),
  );
  const programmes = new Map(
    curriculum.programmes.map((p) => [
      p.id,
      {
        title: p.title,
        completionManual: p.completionRule.manual,
        minSessions: p.completionRule.minSessions,
        countedSessionIds: curriculum.sessions.filter((s) => s.manual === p.completionRule.manual && s.countsTowardCompletion).map((s) => s.id),
      },
    ]),
  );
  return { sessions, programmes, disclosure };
}
