import { endpoint } from '../../../../../../api/endpoint.ts';
import { contracts } from '../../../../../../api/v1/contracts.ts';
import { listUserSessions } from '../../../../../../attendance/auth/account.service.ts';

export const prerender = false;

export const GET = endpoint(contracts.listUserTokens, async ({ db, principal, params }) => ({
  tokens: await listUserSessions(db, principal, params.userId),
}));
