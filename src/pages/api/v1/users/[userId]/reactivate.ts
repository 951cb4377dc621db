import { endpoint } from '../../../../../api/endpoint.ts';
import { contracts } from '../../../../../api/v1/contracts.ts';
import { reactivateUser } from '../../../../../attendance/auth/account.service.ts';

export const prerender = false;

export const POST = endpoint(contracts.reactivateUser, async ({ db, principal, params, address }) =>
  reactivateUser(db, principal, params.userId, address),
);
