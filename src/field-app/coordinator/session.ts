import type { AstroCookies } from 'astro';
import type { Kysely } from 'kysely';
import type { DatabaseTables } from '../../attendance/db/tables.ts';
import { ApiError } from '../../attendance/errors.ts';
import { signOut } from '../../attendance/auth/account.service.ts';
import { authenticate, login, principalFor, SESSION_COOKIE } from '../../attendance/auth/auth.service.ts';
import { sessionCookieOptions } from '../../attendance/auth/session-cookie.ts';
import type { Principal } from '../../attendance/principal.ts';
import { readBytes } from '../../api/body.ts';
import { loginBody } from '../../attendance/api-schemas.ts';

/** An e-mail and a password: a few hundred bytes. Anything much larger is not this form. */
const MAX_FORM_BYTES = 16 * 1024;

/** Why a page's sign-in was refused; pages say it in the reader's language. */
export type SignInRefusal = 'wrong_credentials' | 'rate_limited' | 'server_busy';
/** Why a posted page form was not read at all. */
export type FormRefusal = 'foreign_origin' | 'unreadable';
/**
 * Every refusal of a page's sign-in form, as a code only: the page says it in its own language
 * (content/i18n/), so this module carries no words and serves every language.
 */
export type SessionFormRefusal = FormRefusal | SignInRefusal;

interface PageContext {
  request: Request;
  /** The URL as the public sees it (src/api/forwarded-request.ts): https behind a trusted TLS proxy. */
  url: URL;
  cookies: AstroCookies;
  clientAddress: string | null;
}

/** Who is looking at the page, from the same session cookie the API reads. */
export async function pagePrincipal(db: Kysely<DatabaseTables>, cookies: AstroCookies): Promise<Principal | undefined> {
  const token = cookies.get(SESSION_COOKIE)?.value;
  return token ? principalFor(db, token, 'cookie') : undefined;
}

/**
 * The page's own sign-in and sign-out forms (plain HTML, no script), through the same auth
 * service as the API: rate limits and the audit log apply. A form posted from another site is
 * refused (Astro's origin check is off for the API's bearer clients, so the page checks itself).
 * Answers 'done' (redirect back) or the refusal's code.
 */
export async function handleSessionForm(
  db: Kysely<DatabaseTables>,
  context: PageContext,
): Promise<'done' | { code: SessionFormRefusal }> {
  const form = await readPageForm(context, MAX_FORM_BYTES);
  if ('code' in form) return form;
  return sessionAction(db, form.form, context);
}

/**
 * A form posted to one of the site's own pages, read within `maxBytes`. A form posted from
 * another site is refused (Astro's origin check is off for the API's bearer clients, so the page
 * checks itself); the session cookie is SameSite=Strict as well.
 */
export async function readPageForm(
  context: Pick<PageContext, 'request' | 'url'>,
  maxBytes: number,
): Promise<{ form: FormData } | { code: FormRefusal }> {
  const origin = context.request.headers.get('origin');
  if (origin && origin !== context.url.origin) return { code: 'foreign_origin' };
  try {
    // Bytes, not text: an uploaded file keeps its own encoding (a roster saved by Excel may be Windows-1252).
    const bytes = await readBytes(context.request, maxBytes);
    return {
      form: await new Response(bytes as Uint8Array<ArrayBuffer>, {
        headers: { 'content-type': context.request.headers.get('content-type') ?? '' },
      }).formData(),
    };
  } catch {
    return { code: 'unreadable' };
  }
}

/** Signs in or out from a page's form (`action` = sign-out; anything else with e-mail and password signs in). */
export async function sessionAction(
  db: Kysely<DatabaseTables>,
  form: FormData,
  context: PageContext,
): Promise<'done' | { code: SignInRefusal }> {
  if (form.get('action') === 'sign-out') {
    const token = context.cookies.get(SESSION_COOKIE)?.value;
    const signedIn = token ? await authenticate(db, token, 'cookie') : undefined;
    // The same sign-out as the API's: the session and the tokens minted from it, audited.
    if (signedIn) await signOut(db, signedIn.principal, signedIn.session, context.clientAddress);
    context.cookies.delete(SESSION_COOKIE, { path: '/' });
    return 'done';
  }
  // The API's own login schema: an e-mail with a NUL in it must not reach a query (PostgreSQL refuses it with a fault).
  const credentials = loginBody.safeParse({ email: form.get('email'), password: form.get('password') });
  if (!credentials.success) return { code: 'wrong_credentials' };
  try {
    const { token } = await login(db, { ...credentials.data, address: context.clientAddress });
    context.cookies.set(SESSION_COOKIE, token.token, sessionCookieOptions(context.url, token.expiresAt));
    return 'done';
  } catch (error) {
    if (error instanceof ApiError && error.code === 'rate_limited') return { code: 'rate_limited' };
    if (error instanceof ApiError && error.code === 'server_busy') return { code: 'server_busy' };
    if (error instanceof ApiError) return { code: 'wrong_credentials' };
    throw error;
  }
}
