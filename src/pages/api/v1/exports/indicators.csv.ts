import { endpoint } from '../../../../api/endpoint.ts';
import { contracts } from '../../../../api/v1/contracts.ts';
import { exportIndicators } from '../../../../attendance/exports/export.service.ts';

export const prerender = false;

export const GET = endpoint(contracts.exportIndicators, async ({ db, principal, query, curriculum, address }) => exportIndicators(db, principal, await curriculum(), query, address));
