import { endpoint } from '../../../api/endpoint.ts';
import { contracts } from '../../../api/v1/contracts.ts';
import { readAudit } from '../../../attendance/audit/audit.ts';

export const prerender = false;

export const GET = endpoint(contracts.auditLog, async ({ db, principal, query }) =>
  readAudit(db, principal.organisationId, query),
);
