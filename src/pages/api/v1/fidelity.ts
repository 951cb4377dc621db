import { endpoint } from '../../../api/endpoint.ts';
import { contracts } from '../../../api/v1/contracts.ts';
import { readFidelity } from '../../../attendance/fidelity/fidelity.service.ts';

export const prerender = false;

export const GET = endpoint(contracts.fidelity, async ({ db, principal, query, curriculum, address }) =>
  readFidelity(db, principal, await curriculum(), query, address),
);
