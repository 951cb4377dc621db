import { endpoint } from '../../../../../../api/endpoint.ts';
import { contracts } from '../../../../../../api/v1/contracts.ts';
import { revokeUserSessions } from '../../../../../../attendance/auth/account.service.ts';

export const prerender = false;

export const POST = endpoint(contracts.revokeUserTokens, async ({ db, principal, params, address }) =>
  revokeUserSessions(db, principal, params.userId, address),
);
