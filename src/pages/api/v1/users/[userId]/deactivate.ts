import { endpoint } from '../../../../../api/endpoint.ts';
import { contracts } from '../../../../../api/v1/contracts.ts';
import { deactivateUser } from '../../../../../attendance/auth/account.service.ts';

export const prerender = false;

export const POST = endpoint(contracts.deactivateUser, async ({ db, principal, params, address }) =>
  deactivateUser(db, principal, params.userId, address),
);
