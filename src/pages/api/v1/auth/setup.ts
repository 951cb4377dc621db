import { endpoint } from '../../../../api/endpoint.ts';
import { contracts } from '../../../../api/v1/contracts.ts';
import { SESSION_COOKIE } from '../../../../attendance/auth/auth.service.ts';
import { sessionCookieOptions } from '../../../../attendance/auth/session-cookie.ts';
import { activateAccount } from '../../../../attendance/auth/setup.service.ts';

export const prerender = false;

export const POST = endpoint(contracts.setUpAccount, async ({ body, db, address, context, publicUrl }) => {
  const { user, token } = await activateAccount(db, { ...body, address });
  context.cookies.set(SESSION_COOKIE, token.token, sessionCookieOptions(publicUrl, token.expiresAt));
  return { user };
});
