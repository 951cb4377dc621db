import organisation from 'virtual:tejido/organisation';
import { webManifest } from '../field-app/manifest.ts';

export const prerender = true;

export const GET = () =>
  new Response(JSON.stringify(webManifest(organisation, import.meta.env.BASE_URL)), {
    headers: { 'content-type': 'application/manifest+json' },
  });
