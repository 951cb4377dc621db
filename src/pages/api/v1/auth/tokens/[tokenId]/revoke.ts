import { endpoint } from '../../../../../../api/endpoint.ts';
import { contracts } from '../../../../../../api/v1/contracts.ts';
import { revokeOwnSession } from '../../../../../../attendance/auth/account.service.ts';

export const prerender = false;

export const POST = endpoint(contracts.revokeToken, async ({ db, principal, params, address }) =>
  revokeOwnSession(db, principal, params.tokenId, address),
);
