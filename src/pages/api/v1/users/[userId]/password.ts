import { endpoint } from '../../../../../api/endpoint.ts';
import { contracts } from '../../../../../api/v1/contracts.ts';
import { resetPassword } from '../../../../../attendance/auth/account.service.ts';

export const prerender = false;

export const POST = endpoint(contracts.resetPassword, async ({ db, principal, params, body, address }) =>
  resetPassword(db, principal, params.userId, body.newPassword, address),
);
