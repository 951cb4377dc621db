import { endpoint } from '../../../../../api/endpoint.ts';
import { contracts } from '../../../../../api/v1/contracts.ts';
import { previewRoster } from '../../../../../attendance/members/member.service.ts';

export const prerender = false;

export const POST = endpoint(contracts.previewMembers, async ({ db, principal, params, body }) =>
  previewRoster(db, principal, params.bankId, body),
);
