import { endpoint } from '../../../../../api/endpoint.ts';
import { contracts } from '../../../../../api/v1/contracts.ts';
import { saveParticipants, setParticipantDays } from '../../../../../attendance/workshops/workshop.service.ts';

export const prerender = false;

export const POST = endpoint(contracts.saveParticipants, async ({ db, principal, params, body, address }) =>
  saveParticipants(db, principal, params.workshopId, body, address),
);
export const PATCH = endpoint(contracts.setParticipantDays, async ({ db, principal, params, body, address }) =>
  setParticipantDays(db, principal, params.workshopId, body, address),
);
