import { endpoint } from '../../../../api/endpoint.ts';
import { contracts } from '../../../../api/v1/contracts.ts';
import { editMember } from '../../../../attendance/members/member.service.ts';

export const prerender = false;

export const PATCH = endpoint(contracts.editMember, async ({ db, principal, params, body, address }) =>
  editMember(db, principal, params.memberId, body, address),
);
