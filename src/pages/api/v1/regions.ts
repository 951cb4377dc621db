import { endpoint } from '../../../api/endpoint.ts';
import { contracts } from '../../../api/v1/contracts.ts';
import { createRegion, listRegions } from '../../../attendance/organisation/organisation.service.ts';

export const prerender = false;

export const GET = endpoint(contracts.listRegions, async ({ db, principal }) => ({
  regions: await listRegions(db, principal),
}));
export const POST = endpoint(contracts.createRegion, async ({ db, principal, body, address }) => ({
  region: await createRegion(db, principal, body, address),
}));
