import { endpoint } from '../../../../../api/endpoint.ts';
import { contracts } from '../../../../../api/v1/contracts.ts';
import { memberRecord } from '../../../../../attendance/members/member.service.ts';

export const prerender = false;

export const GET = endpoint(contracts.memberRecord, async ({ db, principal, params }) =>
  memberRecord(db, principal, params.memberId),
);
