import { endpoint } from '../../../../../api/endpoint.ts';
import { contracts } from '../../../../../api/v1/contracts.ts';
import { saveMembers } from '../../../../../attendance/members/member.service.ts';
import { parseRoster } from '../../../../../attendance/members/roster-csv.ts';
import { nameBasedUuid } from '../../../../../attendance/ids.ts';

export const prerender = false;

export const POST = endpoint(contracts.importMembers, async ({ db, principal, params, body, address }) => {
  const { members, lines } = parseRoster(body, (memberCode) => nameBasedUuid(params.bankId, memberCode));
  return saveMembers(db, principal, params.bankId, members, address, 'csv', lines);
});
