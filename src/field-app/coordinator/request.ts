import type { AstroGlobal } from 'astro';
import organisation from 'virtual:tejido/organisation';
import { getConnection } from '../../attendance/db/connect.ts';
import { indexCurriculum } from '../../attendance/curriculum-index.ts';
import { getCurriculum, localizedPages } from '../../curriculum/astro/curriculum.ts';
import { localeOfPath } from '../../curriculum/astro/page-locale.ts';
import { siteLanguages } from '../../curriculum/schemas/organisation.ts';
import { clientAddress } from '../../api/endpoint.ts';
import { publicUrl } from '../../api/forwarded-request.ts';
import type { Principal } from '../../attendance/principal.ts';
import { coordinatorFigures } from './figures.ts';
import { handleSessionForm, pagePrincipal, type SessionFormRefusal } from './session.ts';

/** What the coordinator screen shows, worked out before any of it is rendered. */
export interface CoordinatorView {
  /** The page's language (BCP 47): numbers and months are written in it. */
  lang: string;
  /** The address prefix of the page's language: '' or '/en'. */
  prefix: string;
  /** Why the sign-in form was refused, if it was: the screen says it in the page's language. */
  refusal: SessionFormRefusal | undefined;
  /** Undefined when nobody is signed in: the screen shows the sign-in form. */
  principal: Principal | undefined;
  /** The programmes to choose from, titled in the page's language where translated. */
  programmes: { id: string; title: string }[];
  programmeId: string | undefined;
  figures: Awaited<ReturnType<typeof coordinatorFigures>> | undefined;
}

/**
 * The coordinator page's work, shared by /coordinacion/ and /en/coordinacion/: the sign-in and
 * sign-out forms (redirecting back, so a reload does not post again), then her figures. Done in
 * the page itself, not in the screen component: a status and a redirect must be set before the
 * page starts to stream.
 */
export async function coordinatorRequest(astro: AstroGlobal): Promise<Response | CoordinatorView> {
  const { db } = await getConnection();
  let refusal: SessionFormRefusal | undefined;
  if (astro.request.method === 'POST') {
    const outcome = await handleSessionForm(db, {
      request: astro.request,
      url: publicUrl(astro),
      cookies: astro.cookies,
      clientAddress: clientAddress(astro),
    });
    if (outcome === 'done') return astro.redirect(astro.url.pathname, 303);
    refusal = outcome.code;
    astro.response.status = 400;
  }
  astro.response.headers.set('cache-control', 'no-store');

  const locale = localeOfPath(astro.url.pathname);
  const lang = locale ?? siteLanguages(organisation)[0]?.code ?? 'es';
  const principal = await pagePrincipal(db, astro.cookies);
  const source = await getCurriculum();
  const curriculum = indexCurriculum(source, organisation.disclosure);
  const inLanguage = await localizedPages(locale);
  const programmes = source.programmes.map((p) => ({ id: p.id, title: inLanguage(p.slug, p.title).title }));
  const asked = astro.url.searchParams.get('programa');
  const programmeId = programmes.some((p) => p.id === asked) ? (asked as string) : programmes[0]?.id;
  const { t } = astro.locals;
  const labels = {
    lang,
    enrolled: t('tejido.coordinator.enrolled'),
    came: t('tejido.coordinator.came'),
    completed: (min: number, counted: number) => t('tejido.coordinator.completed', { min, counted }),
  };
  const figures =
    principal && programmeId ? await coordinatorFigures(db, principal, curriculum, programmeId, labels) : undefined;
  return { lang, prefix: locale ? `/${locale}` : '', refusal, principal, programmes, programmeId, figures };
}
