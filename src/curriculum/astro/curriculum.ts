import { getCollection } from 'astro:content';
import { slugOf, contentPaths } from '../load/from-disk.ts';
import { resolveCurriculum, type Curriculum, type Session } from '../resolve.ts';
import organisation from 'virtual:tejido/organisation';

let cached: Promise<Curriculum> | undefined;

/**
 * The resolved curriculum from Astro's content collections, for pages and endpoints.
 * The content was already checked when the config loaded; this only links it.
 */
export function getCurriculum(): Promise<Curriculum> {
  cached ??= (async () => {
    const docs = await getCollection('docs');
    const directories = await getCollection('referrals');
    const referrals = directories.find((d) => d.data.country === organisation.country)?.data;
    if (!referrals) throw new Error(`No referral directory for country "${organisation.country}"`);
    const pages = docs.map((entry) => ({
      file: entry.filePath ?? entry.id,
      slug: slugOf((entry.filePath ?? entry.id).replace(`${contentPaths.docs}/`, '')),
      data: entry.data,
    }));
    return resolveCurriculum(pages, referrals).curriculum;
  })();
  return cached;
}

export async function getSession(id: string): Promise<Session> {
  const session = (await getCurriculum()).sessions.find((s) => s.id === id);
  if (!session) throw new Error(`Unknown session id "${id}"`);
  return session;
}
