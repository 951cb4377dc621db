import { endpoint } from '../../../../api/endpoint.ts';
import { contracts } from '../../../../api/v1/contracts.ts';
import { createWorkshop, listWorkshops } from '../../../../attendance/workshops/workshop.service.ts';

export const prerender = false;

export const GET = endpoint(contracts.listWorkshops, async ({ db, principal }) => ({
  workshops: await listWorkshops(db, principal),
}));
export const POST = endpoint(contracts.createWorkshop, async ({ db, principal, body, address }) => ({
  status: (await createWorkshop(db, principal, body, address)).status,
}));
