import { endpoint } from '../../../../api/endpoint.ts';
import { contracts } from '../../../../api/v1/contracts.ts';
import { changeOwnPassword } from '../../../../attendance/auth/account.service.ts';

export const prerender = false;

export const POST = endpoint(contracts.changePassword, async ({ db, principal, session, body, address }) =>
  changeOwnPassword(db, principal, session, body, address),
);
