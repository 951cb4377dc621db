import type { APIRoute } from 'astro';
import { catalogPaths } from '../catalog/build.ts';
import { catalogJsonSchema } from '../catalog/schema.ts';
import vocabulary from 'virtual:tejido/vocabulary';

// Generated at build time from the catalog's zod schema (z.toJSONSchema); served as a static file.
export const prerender = true;

export const GET: APIRoute = ({ site }) =>
  Response.json(catalogJsonSchema(new URL(catalogPaths.schema, site ?? 'http://localhost/').href, vocabulary));
