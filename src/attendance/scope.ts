import type { ExpressionBuilder } from 'kysely';
import type { DatabaseTables } from './db/tables.ts';
import type { Principal } from './principal.ts';

type BanksEb = ExpressionBuilder<DatabaseTables & { banks: DatabaseTables['banks'] }, 'banks'>;

/**
 * The condition that limits any query joined to `banks` to what the caller may read:
 * a facilitator her own banks, a coordinator her region's, an admin the organisation's.
 * Every repository query that touches bank data puts this in its WHERE clause, so data out of
 * scope is never read in the first place (not read and then filtered).
 */
export function banksReadableBy(principal: Principal) {
  return (eb: BanksEb) => {
    const inOrganisation = eb('banks.organisationId', '=', principal.organisationId);
    switch (principal.role) {
      case 'admin':
        return inOrganisation;
      case 'coordinator':
        return eb.and([inOrganisation, eb('banks.regionId', '=', principal.regionId ?? '')]);
      case 'facilitator':
        return eb.and([inOrganisation, eb('banks.facilitatorId', '=', principal.userId)]);
    }
  };
}

/**
 * Attendance, members and activities are written by the bank's own facilitator only: she is the
 * one at the meeting. Coordinators and admins read protected figures; they do not write rolls.
 */
export function banksWritableBy(principal: Principal) {
  return (eb: BanksEb) =>
    eb.and([
      eb('banks.organisationId', '=', principal.organisationId),
      eb('banks.facilitatorId', '=', principal.role === 'facilitator' ? principal.userId : ''),
    ]);
}

/**
 * The roster (who belongs to a bank) is kept by those who read it (principal.ts `readModel.roster`):
 * the bank's facilitator, and the admin for every bank of her organisation (the MFI's client
 * list). Attendance stays with the facilitator alone (banksWritableBy above).
 */
export function rosterWritableBy(principal: Principal) {
  return (eb: BanksEb) => {
    const inOrganisation = eb('banks.organisationId', '=', principal.organisationId);
    switch (principal.role) {
      case 'admin':
        return inOrganisation;
      case 'facilitator':
        return eb.and([inOrganisation, eb('banks.facilitatorId', '=', principal.userId)]);
      case 'coordinator':
        // No bank has an empty id: the coordinator keeps no roster.
        return eb.and([inOrganisation, eb('banks.id', '=', '')]);
    }
  };
}
