import { endpoint } from '../../../../../../../api/endpoint.ts';
import { contracts } from '../../../../../../../api/v1/contracts.ts';
import { revokeUserSession } from '../../../../../../../attendance/auth/account.service.ts';

export const prerender = false;

export const POST = endpoint(contracts.revokeUserToken, async ({ db, principal, params, address }) =>
  revokeUserSession(db, principal, params.userId, params.tokenId, address),
);
