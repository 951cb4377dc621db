import { endpoint } from '../../../../api/endpoint.ts';
import { contracts } from '../../../../api/v1/contracts.ts';
import { login, SESSION_COOKIE } from '../../../../attendance/auth/auth.service.ts';
import { sessionCookieOptions } from '../../../../attendance/auth/session-cookie.ts';
import { userView } from '../../../../attendance/organisation/organisation.service.ts';

export const prerender = false;

export const POST = endpoint(contracts.login, async ({ body, db, address, context, publicUrl }) => {
  const { user, token } = await login(db, { ...body, address });
  context.cookies.set(SESSION_COOKIE, token.token, sessionCookieOptions(publicUrl, token.expiresAt));
  return { user: userView(user) };
});
