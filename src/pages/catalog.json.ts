import type { APIRoute } from 'astro';
import { buildCatalog } from '../catalog/build.ts';
import { catalogContext } from '../catalog/context.ts';

// Generated at build time from the curriculum; served as a static file.
export const prerender = true;

export const GET: APIRoute = async (context) => Response.json(buildCatalog(await catalogContext(context)));
