import { endpoint } from '../../../../../api/endpoint.ts';
import { contracts } from '../../../../../api/v1/contracts.ts';
import { listOwnSessions, mintToken } from '../../../../../attendance/auth/account.service.ts';

export const prerender = false;

export const GET = endpoint(contracts.listTokens, async ({ db, principal, session }) => ({
  tokens: await listOwnSessions(db, principal, session),
}));
export const POST = endpoint(contracts.createToken, async ({ db, principal, session, body, address }) =>
  mintToken(db, principal, session, body.label, address),
);
