import type { APIRoute } from 'astro';
import { getConnection } from '../../attendance/db/connect.ts';
import { checkHealth } from '../../attendance/db/health.ts';
import { handled, jsonResponse } from '../../api/respond.ts';

export const prerender = false;

export const GET: APIRoute = handled(async () => {
  const health = await checkHealth(await getConnection());
  return jsonResponse(health, health.status === 'ok' ? 200 : 503);
});
