import { endpoint } from '../../../../../api/endpoint.ts';
import { contracts } from '../../../../../api/v1/contracts.ts';
import { reinstateMember } from '../../../../../attendance/members/member.service.ts';

export const prerender = false;

export const POST = endpoint(contracts.reinstateMember, async ({ db, principal, params, address }) =>
  reinstateMember(db, principal, params.memberId, address),
);
