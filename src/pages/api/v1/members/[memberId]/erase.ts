import { endpoint } from '../../../../../api/endpoint.ts';
import { contracts } from '../../../../../api/v1/contracts.ts';
import { eraseMember } from '../../../../../attendance/members/member.service.ts';

export const prerender = false;

export const POST = endpoint(contracts.eraseMember, async ({ db, principal, params, address }) =>
  eraseMember(db, principal, params.memberId, address),
);
