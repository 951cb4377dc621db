import { endpoint } from '../../../../../api/endpoint.ts';
import { contracts } from '../../../../../api/v1/contracts.ts';
import { assignFacilitator } from '../../../../../attendance/organisation/organisation.service.ts';

export const prerender = false;

export const POST = endpoint(contracts.assignBankFacilitator, async ({ db, principal, params, body, address }) => ({
  bank: await assignFacilitator(db, principal, params.bankId, body.facilitatorId, address),
}));
