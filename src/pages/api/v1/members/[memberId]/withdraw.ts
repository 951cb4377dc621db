import { endpoint } from '../../../../../api/endpoint.ts';
import { contracts } from '../../../../../api/v1/contracts.ts';
import { withdrawMember } from '../../../../../attendance/members/member.service.ts';

export const prerender = false;

export const POST = endpoint(contracts.withdrawMember, async ({ db, principal, params, body, address }) =>
  withdrawMember(db, principal, params.memberId, body.withdrawnOn, address),
);
