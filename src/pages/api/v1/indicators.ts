import { endpoint } from '../../../api/endpoint.ts';
import { contracts } from '../../../api/v1/contracts.ts';
import { computeIndicators } from '../../../attendance/indicators/indicator.service.ts';

export const prerender = false;

export const GET = endpoint(contracts.indicators, async ({ db, principal, query, curriculum }) => computeIndicators(db, principal, await curriculum(), query));
