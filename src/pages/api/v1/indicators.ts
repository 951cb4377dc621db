import { endpoint } from '../../../api/endpoint.ts';
import { contracts } from '../../../api/v1/contracts.ts';
import { readIndicators } from '../../../attendance/indicators/read-indicators.ts';

export const prerender = false;

export const GET = endpoint(contracts.indicators, async ({ db, principal, query, curriculum, address }) =>
  readIndicators(db, principal, await curriculum(), query, address),
);
