import { endpoint } from '../../../../api/endpoint.ts';
import { contracts } from '../../../../api/v1/contracts.ts';
import { SESSION_COOKIE } from '../../../../attendance/auth/auth.service.ts';
import { signOut } from '../../../../attendance/auth/account.service.ts';

export const prerender = false;

export const POST = endpoint(contracts.logout, async ({ db, principal, session, address, context }) => {
  await signOut(db, principal, session, address);
  // A bearer sign-out leaves the browser's cookie alone: it is another session.
  if (session.kind === 'cookie') context.cookies.delete(SESSION_COOKIE, { path: '/' });
  return { ok: true };
});
