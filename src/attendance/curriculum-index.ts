import type { Curriculum } from '../curriculum/resolve.ts';
import { coreSteps } from '../curriculum/core.ts';
import { defaultPolicy, type DisclosurePolicy } from './disclosure/policy.ts';

/** What the attendance API needs to know of the curriculum, looked up by stable id. */
export interface CurriculumIndex {
  sessions: Map<string, IndexedSession>;
  programmes: Map<
    string,
    { title: string; completionManual: string; minSessions: number; countedSessionIds: string[] }
  >;
  /** The organisation's small-count threshold for figures above the facilitator. */
  disclosure: DisclosurePolicy;
}

export interface IndexedSession {
  version: string;
  manual: string;
  programme: string;
  countsTowardCompletion: boolean;
  title: string;
  /** How many steps its agenda has: a roll call's `stepsDone` indexes are below it. */
  agendaSteps: number;
  /** The core steps (0-based agenda indexes, agenda order): the fidelity figures count these. */
  coreSteps: { index: number; title: string }[];
}

/** Built once from the checked curriculum: session ids and the completion rule come from content, never from code. */
export function indexCurriculum(curriculum: Curriculum, disclosure: DisclosurePolicy = defaultPolicy): CurriculumIndex {
  const sessions = new Map(
    curriculum.sessions.map((s): [string, IndexedSession] => [
      s.id,
      {
        version: s.version,
        manual: s.manual,
        programme: s.programme,
        countsTowardCompletion: s.countsTowardCompletion,
        title: s.title,
        agendaSteps: s.agenda.length,
        coreSteps: coreSteps(s).map(({ index, title }) => ({ index, title })),
      },
    ]),
  );
  const programmes = new Map(
    curriculum.programmes.map((p) => [
      p.id,
      {
        title: p.title,
        completionManual: p.completionRule.manual,
        minSessions: p.completionRule.minSessions,
        countedSessionIds: curriculum.sessions
          .filter((s) => s.manual === p.completionRule.manual && s.countsTowardCompletion)
          .map((s) => s.id),
      },
    ]),
  );
  return { sessions, programmes, disclosure };
}
