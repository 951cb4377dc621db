import type { APIRoute } from 'astro';
import { openApiDocument } from '../../../api/v1/openapi.ts';

// Generated at build time from the contracts' zod schemas; served as a static file.
export const prerender = true;

export const GET: APIRoute = () => Response.json(openApiDocument());
