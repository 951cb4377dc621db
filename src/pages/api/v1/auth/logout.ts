import { endpoint } from '../../../../api/endpoint.ts';
import { contracts } from '../../../../api/v1/contracts.ts';
import { revokeSession, SESSION_COOKIE } from '../../../../attendance/auth/auth.service.ts';
import { audit } from '../../../../attendance/audit/audit.ts';

export const prerender = false;

export const POST = endpoint(contracts.logout, async ({ db, principal, address, context }) => {
  const token = context.cookies.get(SESSION_COOKIE)?.value ?? context.request.headers.get('authorization')?.replace(/^Bearer /, '');
  if (token) await revokeSession(db, token);
  context.cookies.delete(SESSION_COOKIE, { path: '/' });
  await audit(db, { actorId: principal.userId, action: 'logout', address });
  return { ok: true };
});
