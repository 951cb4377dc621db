import type { AstroGlobal } from 'astro';
import type { Kysely } from 'kysely';
import organisation from 'virtual:tejido/organisation';
import { getConnection } from '../attendance/db/connect.ts';
import type { DatabaseTables } from '../attendance/db/tables.ts';
import type { Principal } from '../attendance/principal.ts';
import { indexCurriculum, type CurriculumIndex } from '../attendance/curriculum-index.ts';
import { getCurriculum } from '../curriculum/astro/curriculum.ts';
import { clientAddress } from '../api/endpoint.ts';
import { publicUrl } from '../api/forwarded-request.ts';
import { pagePrincipal, readPageForm, sessionAction } from '../field-app/coordinator/session.ts';
import { officeLanguage, type OfficeLanguage } from './i18n.ts';
import { localPath } from './nav.ts';

/** Everything an office page works with: the reader, her language, the database, the posted form. */
export interface OfficeContext extends OfficeLanguage {
  db: Kysely<DatabaseTables>;
  /** Undefined when nobody is signed in: the page shows the sign-in form. */
  principal: Principal | undefined;
  defaultLang: string;
  /** A site path in the reader's language (/oficina/… or /en/oficina/…). */
  href: (path: string) => string;
  address: string | null;
  publicUrl: URL;
  /** The form posted to the page (POST only), already checked to come from this site. */
  form: FormData | undefined;
  /** A message about the sign-in form (wrong password, too many attempts). */
  signInMessage: string | undefined;
  curriculum: () => Promise<CurriculumIndex>;
  astro: AstroGlobal;
}

/** A form of a few fields; pages that take a file upload ask for more. */
export const DEFAULT_FORM_BYTES = 64 * 1024;

let curriculumIndex: Promise<CurriculumIndex> | undefined;
const loadCurriculumIndex = () =>
  (curriculumIndex ??= getCurriculum().then((curriculum) => indexCurriculum(curriculum, organisation.disclosure)));

/**
 * Starts an office page: reads who is signed in (the API's own session cookie), handles the
 * sign-in and sign-out forms every office page carries (redirecting back, so a reload does not
 * post again), and hands the page any other posted form. Office pages are rendered on demand and
 * never cached: they show personal data.
 */
export async function officeRequest(
  astro: AstroGlobal,
  lang: string,
  options: { maxFormBytes?: number; publicForm?: boolean } = {},
): Promise<Response | OfficeContext> {
  const { db } = await getConnection();
  const defaultLang = organisation.defaultLanguage;
  const language = await officeLanguage(lang, defaultLang);
  astro.response.headers.set('cache-control', 'no-store');
  const url = publicUrl(astro);
  const address = clientAddress(astro);
  let form: FormData | undefined;
  let signInMessage: string | undefined;
  if (astro.request.method === 'POST') {
    const read = await readPageForm({ request: astro.request, url }, options.maxFormBytes ?? DEFAULT_FORM_BYTES);
    if ('code' in read) {
      astro.response.status = 400;
      signInMessage = language.t(`office.form.${read.code}`);
    } else if (read.form.get('action') === 'sign-in' || read.form.get('action') === 'sign-out') {
      const outcome = await sessionAction(db, read.form, {
        request: astro.request,
        url,
        cookies: astro.cookies,
        clientAddress: address,
      });
      if (outcome === 'done') return astro.redirect(astro.url.pathname + astro.url.search, 303);
      astro.response.status = outcome.code === 'rate_limited' ? 429 : outcome.code === 'server_busy' ? 503 : 401;
      signInMessage = language.t(`office.signIn.${outcome.code}`);
    } else {
      form = read.form;
    }
  }
  const principal = await pagePrincipal(db, astro.cookies);
  return {
    ...language,
    db,
    principal,
    defaultLang,
    href: (path) => localPath(path, lang, defaultLang),
    address,
    publicUrl: url,
    // A public page (a new user's first sign-in) takes its form from anyone; the others only from someone signed in.
    form: principal || options.publicForm ? form : undefined,
    signInMessage,
    curriculum: loadCurriculumIndex,
    astro,
  };
}
