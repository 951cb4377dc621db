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

/** Figures leave the facilitator level (coordinator and admin views): they are suppressed. */
export const seesIndividuals = (principal: Principal) => principal.role === 'facilitator';
