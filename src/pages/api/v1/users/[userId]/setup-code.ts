import { endpoint } from '../../../../../api/endpoint.ts';
import { contracts } from '../../../../../api/v1/contracts.ts';
import { issueSetupCode } from '../../../../../attendance/auth/setup.service.ts';

export const prerender = false;

export const POST = endpoint(contracts.issueSetupCode, async ({ db, principal, params, address }) =>
  issueSetupCode(db, principal, params.userId, address),
);
