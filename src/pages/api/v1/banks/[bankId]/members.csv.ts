import { endpoint } from '../../../../../api/endpoint.ts';
import { contracts } from '../../../../../api/v1/contracts.ts';
import { importRoster } from '../../../../../attendance/members/member.service.ts';

export const prerender = false;

export const POST = endpoint(contracts.importMembers, async ({ db, principal, params, body, address }) =>
  importRoster(db, principal, params.bankId, body, address),
);
