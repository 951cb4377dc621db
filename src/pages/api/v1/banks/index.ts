import { endpoint } from '../../../../api/endpoint.ts';
import { contracts } from '../../../../api/v1/contracts.ts';
import { createBank, listBanks } from '../../../../attendance/organisation/organisation.service.ts';

export const prerender = false;

export const GET = endpoint(contracts.listBanks, async ({ db, principal }) => ({
  banks: await listBanks(db, principal),
}));
export const POST = endpoint(contracts.createBank, async ({ db, principal, body, address }) => ({
  bank: await createBank(db, principal, body, address),
}));
