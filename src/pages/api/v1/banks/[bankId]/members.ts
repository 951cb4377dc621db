import { endpoint } from '../../../../../api/endpoint.ts';
import { contracts } from '../../../../../api/v1/contracts.ts';
import { listMembers, saveMembers } from '../../../../../attendance/members/member.service.ts';

export const prerender = false;

export const GET = endpoint(contracts.listMembers, async ({ db, principal, params }) => ({
  members: await listMembers(db, principal, params.bankId),
}));
export const POST = endpoint(contracts.saveMembers, async ({ db, principal, params, body, address }) =>
  saveMembers(db, principal, params.bankId, body.members, address),
);
