import { checkAdaptations, type AdaptationRow } from '../adaptations.ts';
import { readUpstreamSnapshots } from '../load/upstream.ts';
import { contentRoot } from './content-root.ts';
import { getCurriculum } from './curriculum.ts';

let cached: Promise<AdaptationRow[]> | undefined;

/**
 * Every adapted session with its upstream, for the adaptations page and the session panel. The
 * snapshots are read from disk at build time (the content was checked when the config loaded).
 */
export function getAdaptations(): Promise<AdaptationRow[]> {
  cached ??= (async () => {
    const { snapshots } = readUpstreamSnapshots(contentRoot());
    return checkAdaptations((await getCurriculum()).sessions, snapshots).rows;
  })();
  return cached;
}
