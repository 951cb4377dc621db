import { endpoint } from '../../../../../api/endpoint.ts';
import { contracts } from '../../../../../api/v1/contracts.ts';
import { unlockUser } from '../../../../../attendance/auth/account.service.ts';

export const prerender = false;

export const POST = endpoint(contracts.unlockUser, async ({ db, principal, params, address }) =>
  unlockUser(db, principal, params.userId, address),
);
