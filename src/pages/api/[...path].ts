import type { APIRoute } from 'astro';
import { errorResponse } from '../../api/respond.ts';

export const prerender = false;

/** Unknown API paths answer in the API's JSON error shape, not with the site's HTML 404 page. */
export const ALL: APIRoute = ({ params }) =>
  errorResponse(404, 'not_found', `There is no API route /api/${params.path ?? ''}.`);
