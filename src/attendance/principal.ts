import type { Role } from './db/tables.ts';

/** Who is calling, as established by the session cookie or bearer token. */
export interface Principal {
  userId: string;
  organisationId: string;
  role: Role;
  /** The coordinator's region; null for other roles. */
  regionId: string | null;
  displayName: string;
}

/**
 * What each role may read about the women, stated once; the contracts and the services read it.
 * - `roster`: who belongs to which bank (member ids, codes, names, enrolment dates). The bank's
 *   facilitator, and the admin, who keeps the organisation's client list.
 * - `memberActivity`: what a woman did in the programme (present or absent at a meeting, head
 *   counts of a meeting, workshop participation). The bank's facilitator alone.
 * Everyone else reads aggregates only, through the disclosure control (src/attendance/disclosure/).
 * Each service still scopes every query to the caller's banks (scope.ts).
 */
export const readModel = {
  roster: ['facilitator', 'admin'],
  memberActivity: ['facilitator'],
} as const satisfies Record<string, readonly Role[]>;

const has = (roles: readonly Role[], principal: Principal) => roles.includes(principal.role);
export const readsRoster = (principal: Principal) => has(readModel.roster, principal);
export const readsMemberActivity = (principal: Principal) => has(readModel.memberActivity, principal);

/** Figures at the facilitator's level are exact; above it they leave through the disclosure control. */
export const seesIndividuals = readsMemberActivity;
