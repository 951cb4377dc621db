import { endpoint } from '../../../../api/endpoint.ts';
import { contracts } from '../../../../api/v1/contracts.ts';
import { createSession } from '../../../../attendance/auth/auth.service.ts';
import { audit } from '../../../../attendance/audit/audit.ts';

export const prerender = false;

export const POST = endpoint(contracts.createToken, async ({ db, principal, body, address }) => {
  const token = await createSession(db, principal.userId, 'bearer', body.label);
  await audit(db, { actorId: principal.userId, action: 'token.create', address });
  return token;
});
