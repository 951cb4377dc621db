import { coreMessages, coreSteps } from './core.ts';
import type { Curriculum } from './resolve.ts';
import type { Organisation, UpstreamSnapshot } from './schemas/index.ts';

/**
 * This curriculum as an adaptation's upstream sees it: each session's id, title, version, core
 * elements, version history and credits. Written into a new organisation's content root, it lets
 * that copy's build check its adaptations with no network.
 */
export function snapshotOf(
  curriculum: Curriculum,
  organisation: Organisation,
  name: string,
  taken: string,
): UpstreamSnapshot {
  return {
    name,
    organisation: organisation.name,
    ...(organisation.website ? { website: organisation.website } : {}),
    taken,
    sessions: curriculum.sessions.map((session) => ({
      id: session.id,
      title: session.title,
      version: session.version,
      licence: session.licence,
      credits: session.credits,
      changes: session.changes ?? [],
      core: {
        steps: coreSteps(session).map((step) => ({ ...step, safety: session.agenda[step.index]?.safety === true })),
        messages: coreMessages(session),
        safety: Boolean(session.safety),
      },
    })),
  };
}
