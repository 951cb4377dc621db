import type { APIRoute, GetStaticPaths } from 'astro';
import { catalogSession } from '../../../catalog/build.ts';
import { catalogContext } from '../../../catalog/context.ts';
import { getCurriculum } from '../../../curriculum/astro/curriculum.ts';
import type { Session } from '../../../curriculum/resolve.ts';

// One file per session: the same object as its entry in /catalog.json.
export const prerender = true;

export const getStaticPaths = (async () =>
  (await getCurriculum()).sessions.map((session) => ({
    params: { id: session.id },
    props: { session },
  }))) satisfies GetStaticPaths;

export const GET: APIRoute<{ session: Session }> = async (context) =>
  Response.json(catalogSession(context.props.session, await catalogContext(context)));
