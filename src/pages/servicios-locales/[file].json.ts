// Every district's local services, one file per language, named by its content's hash: the
// district picker (src/components/LocalServices.astro) loads it once and a phone keeps it for good.
import type { APIRoute } from 'astro';
import organisation from 'virtual:tejido/organisation';
import { siteLanguages } from '../../curriculum/schemas/organisation.ts';
import { SERVICES_DIR } from '../../components/local-services/data.ts';
import { localServicesIn } from '../../components/local-services/for-page.ts';

export async function getStaticPaths() {
  const files = await Promise.all(siteLanguages(organisation).map((l) => localServicesIn(l.code)));
  return files.map(({ url, body }) => ({
    params: { file: url.slice(`/${SERVICES_DIR}/`.length, -'.json'.length) },
    props: { body },
  }));
}

export const GET: APIRoute = ({ props }) =>
  new Response((props as { body: string }).body, { headers: { 'content-type': 'application/json' } });
