import { z } from 'zod';
import * as s from '../../attendance/api-schemas.ts';
import type { Role } from '../../attendance/db/tables.ts';
import { readModel } from '../../attendance/principal.ts';
import { fidelityQuery, fidelityResponse } from '../../attendance/fidelity/fidelity-schemas.ts';

/**
 * Every /api/v1 route as data: method, path, who may call it and the zod shapes of its input
 * and output. Route files implement a contract; openapi.json is generated from this list.
 */
export interface Contract {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** OpenAPI-style path under /api/v1, e.g. /banks/{bankId}/members */
  path: string;
  summary: string;
  tag: string;
  /** Roles allowed to call; 'public' needs no sign-in. */
  roles: readonly Role[] | 'public';
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** Request body media type; JSON unless said. */
  bodyType?: 'application/json' | 'text/csv';
  response: z.ZodType | 'text/csv';
  status?: 200 | 201;
  /** Largest request body accepted, in bytes; DEFAULT_MAX_BODY_BYTES (1 MB) unless said. Larger ones get 413 before they are read. */
  maxBodyBytes?: number;
}

/** A JSON body is at most 1 MB: 500 members or 200 attendance rows take a few dozen kilobytes. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
/** A roster CSV may hold up to MAX_ROSTER_ROWS rows of up to ~200 bytes each. */
export const MAX_ROSTER_CSV_BYTES = 5 * 1024 * 1024;

const everyone = ['admin', 'coordinator', 'facilitator'] as const;
const bankParams = z.object({ bankId: s.uuid });
const userParams = z.object({ userId: s.uuid });
const deliveryParams = z.object({ deliveryId: s.uuid });
const memberParams = z.object({ memberId: s.uuid });
const tokenId = z
  .string()
  .regex(/^[0-9a-f-]{16,64}$/, { error: 'must be the id of a session or token, as GET …/tokens lists it' });

export const contracts = {
  login: {
    method: 'POST',
    path: '/auth/login',
    summary: 'Sign in; sets an HttpOnly, SameSite=Strict session cookie',
    tag: 'auth',
    roles: 'public',
    body: s.loginBody,
    response: z.object({ user: s.userSchema }),
  },
  logout: {
    method: 'POST',
    path: '/auth/logout',
    summary: 'Sign out: ends this session or token, and every token minted from this session',
    tag: 'auth',
    roles: everyone,
    response: z.object({ ok: z.literal(true) }),
  },
  createToken: {
    method: 'POST',
    path: '/auth/tokens',
    summary:
      'A bearer token for the offline app’s sync (shown once); only a cookie session may mint one (a bearer gets 403 token_from_token)',
    tag: 'auth',
    roles: everyone,
    body: s.tokenBody,
    response: s.tokenResponse,
    status: 201,
  },
  listTokens: {
    method: 'GET',
    path: '/auth/tokens',
    summary: 'The caller’s live sessions and tokens (ids, never secrets)',
    tag: 'auth',
    roles: everyone,
    response: s.tokenList,
  },
  revokeToken: {
    method: 'POST',
    path: '/auth/tokens/{tokenId}/revoke',
    summary: 'End one of the caller’s sessions or tokens (and tokens minted from it)',
    tag: 'auth',
    roles: everyone,
    params: z.object({ tokenId }),
    response: s.revokedCount,
  },
  me: {
    method: 'GET',
    path: '/me',
    summary: 'The signed-in user',
    tag: 'auth',
    roles: everyone,
    response: z.object({ user: s.userSchema }),
  },
  setUpAccount: {
    method: 'POST',
    path: '/auth/setup',
    summary:
      'A new user’s first sign-in: her e-mail, the one-time set-up code the admin gave her, and the password she chooses. ' +
      'Uses the code up and sets the session cookie, like /auth/login; wrong codes count against the sign-in throttle',
    tag: 'auth',
    roles: 'public',
    body: s.setupBody,
    response: z.object({ user: s.userSchema }),
  },
  changePassword: {
    method: 'POST',
    path: '/me/password',
    summary: 'Change the caller’s password (current one required); ends every other session and token',
    tag: 'auth',
    roles: everyone,
    body: s.changePasswordBody,
    response: s.revokedCount,
  },

  listUsers: {
    method: 'GET',
    path: '/users',
    summary: 'Users of the organisation, with the state of each account',
    tag: 'organisation',
    roles: ['admin'],
    response: z.object({ users: z.array(s.accountSchema) }),
  },
  createUser: {
    method: 'POST',
    path: '/users',
    summary:
      'Create a coordinator, facilitator or admin; without a password, the answer holds a one-time set-up code (shown once)',
    tag: 'organisation',
    roles: ['admin'],
    body: s.createUserBody,
    response: s.createUserResponse,
    status: 201,
  },
  issueSetupCode: {
    method: 'POST',
    path: '/users/{userId}/setup-code',
    summary:
      'A new one-time set-up code for a user (shown once): her password stops working, all her ' +
      'sessions and tokens end, her sign-in counters are cleared (not oneself: 409 own_account)',
    tag: 'organisation',
    roles: ['admin'],
    params: userParams,
    response: s.issueSetupCodeResponse,
  },
  listUserTokens: {
    method: 'GET',
    path: '/users/{userId}/tokens',
    summary: 'A user’s live sessions and tokens',
    tag: 'organisation',
    roles: ['admin'],
    params: userParams,
    response: s.tokenList,
  },
  revokeUserToken: {
    method: 'POST',
    path: '/users/{userId}/tokens/{tokenId}/revoke',
    summary: 'End one of a user’s sessions or tokens',
    tag: 'organisation',
    roles: ['admin'],
    params: userParams.extend({ tokenId }),
    response: s.revokedCount,
  },
  revokeUserTokens: {
    method: 'POST',
    path: '/users/{userId}/tokens/revoke-all',
    summary: 'End every session and token of a user',
    tag: 'organisation',
    roles: ['admin'],
    params: userParams,
    response: s.revokedCount,
  },
  resetPassword: {
    method: 'POST',
    path: '/users/{userId}/password',
    summary: 'Set a new password for a user; ends all her sessions and tokens',
    tag: 'organisation',
    roles: ['admin'],
    params: userParams,
    body: s.resetPasswordBody,
    response: s.revokedCount,
  },
  deactivateUser: {
    method: 'POST',
    path: '/users/{userId}/deactivate',
    summary: 'Deactivate a user (not oneself: 409 own_account); ends all her sessions and tokens',
    tag: 'organisation',
    roles: ['admin'],
    params: userParams,
    response: s.revokedCount,
  },
  reactivateUser: {
    method: 'POST',
    path: '/users/{userId}/reactivate',
    summary: 'Let a deactivated user sign in again (old tokens stay revoked)',
    tag: 'organisation',
    roles: ['admin'],
    params: userParams,
    response: z.object({ ok: z.literal(true) }),
  },
  unlockUser: {
    method: 'POST',
    path: '/users/{userId}/unlock',
    summary: 'Clear the sign-in throttle of a user’s account, from every address',
    tag: 'organisation',
    roles: ['admin'],
    params: userParams,
    response: z.object({ cleared: z.int().meta({ description: 'Throttle counters removed' }) }),
  },
  listRegions: {
    method: 'GET',
    path: '/regions',
    summary: 'Regions the caller works in',
    tag: 'organisation',
    roles: everyone,
    response: z.object({ regions: z.array(s.regionSchema) }),
  },
  createRegion: {
    method: 'POST',
    path: '/regions',
    summary: 'Create a region',
    tag: 'organisation',
    roles: ['admin'],
    body: s.createRegionBody,
    response: z.object({ region: s.regionSchema }),
    status: 201,
  },
  listBanks: {
    method: 'GET',
    path: '/banks',
    summary: 'Community banks the caller may read',
    tag: 'organisation',
    roles: everyone,
    response: z.object({ banks: z.array(s.bankSchema) }),
  },
  createBank: {
    method: 'POST',
    path: '/banks',
    summary: 'Create a community bank and assign its facilitator',
    tag: 'organisation',
    roles: ['admin'],
    body: s.createBankBody,
    response: z.object({ bank: s.bankSchema }),
    status: 201,
  },
  assignBankFacilitator: {
    method: 'POST',
    path: '/banks/{bankId}/facilitator',
    summary:
      'Give a bank to another facilitator (an active one), or to none: its roster and roll calls move with it at once',
    tag: 'organisation',
    roles: ['admin'],
    params: bankParams,
    body: s.assignFacilitatorBody,
    response: z.object({ bank: s.bankSchema }),
  },

  listMembers: {
    method: 'GET',
    path: '/banks/{bankId}/members',
    summary: 'A bank’s roster: for its facilitator and the admin',
    tag: 'members',
    roles: readModel.roster,
    params: bankParams,
    response: z.object({ members: z.array(s.memberSchema) }),
  },
  saveMembers: {
    method: 'POST',
    path: '/banks/{bankId}/members',
    summary: 'Add members (idempotent by client id; all or none); codes are unique in the bank whatever their case',
    tag: 'members',
    roles: readModel.roster,
    params: bankParams,
    body: s.membersBody,
    response: s.savedCounts,
  },
  importMembers: {
    method: 'POST',
    path: '/banks/{bankId}/members.csv',
    summary:
      'Import a roster file (see RosterPreview for what it checks); nothing is imported unless every row is valid',
    tag: 'members',
    roles: readModel.roster,
    params: bankParams,
    body: s.rosterFileBody,
    bodyType: 'text/csv',
    maxBodyBytes: MAX_ROSTER_CSV_BYTES,
    response: s.savedCounts,
  },
  previewMembers: {
    method: 'POST',
    path: '/banks/{bankId}/members-preview',
    summary: 'What importing a roster file would do, with every row’s verdict in named rules; saves nothing',
    tag: 'members',
    roles: readModel.roster,
    params: bankParams,
    body: s.rosterFileBody,
    bodyType: 'text/csv',
    maxBodyBytes: MAX_ROSTER_CSV_BYTES,
    response: s.rosterPreviewSchema,
  },
  memberTemplate: {
    method: 'GET',
    path: '/members-template.csv',
    summary: 'An empty roster file to fill in Excel: the header line only',
    tag: 'members',
    roles: readModel.roster,
    query: s.templateQuery,
    response: 'text/csv',
  },
  editMember: {
    method: 'PATCH',
    path: '/members/{memberId}',
    summary: 'Correct a member’s code, name or enrolment date',
    tag: 'members',
    roles: readModel.roster,
    params: memberParams,
    body: s.memberChangesBody,
    response: z.object({ member: s.memberSchema }),
  },
  withdrawMember: {
    method: 'POST',
    path: '/members/{memberId}/withdraw',
    summary: 'Record that she left the bank (a baja) on a date; her attendance stays',
    tag: 'members',
    roles: readModel.roster,
    params: memberParams,
    body: s.withdrawBody,
    response: z.object({ member: s.memberSchema }),
  },
  reinstateMember: {
    method: 'POST',
    path: '/members/{memberId}/reinstate',
    summary: 'Undo a withdrawal',
    tag: 'members',
    roles: readModel.roster,
    params: memberParams,
    response: z.object({ member: s.memberSchema }),
  },
  eraseMember: {
    method: 'POST',
    path: '/members/{memberId}/erase',
    summary:
      'Erase her data at her request (Ley 29733, personal data protection): her name and code ' +
      'are removed everywhere; her attendance stays, anonymous, so the indicators do not change',
    tag: 'members',
    roles: readModel.roster,
    params: memberParams,
    response: z.object({ erased: z.literal(true) }),
  },
  memberRecord: {
    method: 'GET',
    path: '/members/{memberId}/record',
    summary: 'What we keep about one woman (right of access): roster fields; her roll calls for her facilitator only',
    tag: 'members',
    roles: readModel.roster,
    params: memberParams,
    response: s.memberRecordSchema,
  },

  saveAttendance: {
    method: 'POST',
    path: '/attendance-batches',
    summary: 'Save a whole session’s roll call in one transaction (idempotent)',
    tag: 'attendance',
    roles: ['facilitator'],
    body: s.attendanceBatchBody,
    response: s.attendanceBatchResponse,
  },
  listDeliveries: {
    method: 'GET',
    path: '/banks/{bankId}/deliveries',
    summary: 'Sessions delivered in a bank; counts present and absent for its facilitator only',
    tag: 'attendance',
    roles: everyone,
    params: bankParams,
    response: z.object({ deliveries: z.array(s.deliverySchema) }),
  },
  readAttendance: {
    method: 'GET',
    path: '/deliveries/{deliveryId}/attendance',
    summary:
      'Who came to one delivery, its current version and until when it may be corrected: for the bank’s facilitator only',
    tag: 'attendance',
    roles: readModel.memberActivity,
    params: deliveryParams,
    response: z.object({ delivery: s.rollCallSchema, attendance: z.array(s.attendanceRowSchema) }),
  },
  correctAttendance: {
    method: 'POST',
    path: '/deliveries/{deliveryId}/corrections',
    summary:
      'Correct a roll call (its bank’s facilitator, within the correction window): a new version, the earlier ones kept; idempotent by the ' +
      'correction’s id. 409 delivery.version_changed if based on an old version, 422 delivery.correction_window_closed after the window',
    tag: 'attendance',
    roles: ['facilitator'],
    params: deliveryParams,
    body: s.correctionBody,
    response: s.correctionResponse,
  },
  listAttendanceVersions: {
    method: 'GET',
    path: '/deliveries/{deliveryId}/versions',
    summary: 'Every version of a roll call, with who saved it, when, and its marks: for the bank’s facilitator only',
    tag: 'attendance',
    roles: readModel.memberActivity,
    params: deliveryParams,
    response: z.object({ versions: z.array(s.rollCallVersionSchema) }),
  },
  reopenAttendance: {
    method: 'POST',
    path: '/deliveries/{deliveryId}/reopen',
    summary:
      'Give a roll call’s facilitator a new window to correct it (correctionDays from today); audited. The answer has no marks and no counts',
    tag: 'attendance',
    roles: ['admin'],
    params: deliveryParams,
    response: s.reopenResponse,
  },

  listWorkshops: {
    method: 'GET',
    path: '/workshops',
    summary: 'Leaders’ workshops; a facilitator also sees how many of her women took part and were trained',
    tag: 'leaders',
    roles: everyone,
    response: z.object({ workshops: z.array(s.workshopSchema) }),
  },
  createWorkshop: {
    method: 'POST',
    path: '/workshops',
    summary: 'Record a leaders’ workshop (idempotent by client id)',
    tag: 'leaders',
    roles: ['admin', 'coordinator'],
    body: s.workshopBody,
    response: z.object({ status: z.enum(['created', 'unchanged']) }),
  },
  saveParticipants: {
    method: 'POST',
    path: '/workshops/{workshopId}/participants',
    summary:
      'Record leaders who took part and how many days (a facilitator for her own banks’ women; an admin for any)',
    tag: 'leaders',
    roles: ['admin', 'facilitator'],
    params: z.object({ workshopId: s.uuid }),
    body: s.participantsBody,
    response: s.savedCounts,
  },
  setParticipantDays: {
    method: 'PATCH',
    path: '/workshops/{workshopId}/participants',
    summary:
      'Set (or correct) the days each woman attended; 0 takes her off. Answers only how many rows were written, never what was stored before',
    tag: 'leaders',
    roles: ['admin', 'facilitator'],
    params: z.object({ workshopId: s.uuid }),
    body: s.participantDaysBody,
    response: s.savedRows,
  },

  listActivities: {
    method: 'GET',
    path: '/activities',
    summary: 'Mobilisation activities, counts only',
    tag: 'mobilisation',
    roles: everyone,
    query: s.exportQuery,
    response: z.object({ activities: z.array(s.activityBody) }),
  },
  saveActivity: {
    method: 'POST',
    path: '/activities',
    summary: 'Record a mobilisation activity (idempotent by client id)',
    tag: 'mobilisation',
    roles: ['facilitator'],
    body: s.activityBody,
    response: z.object({ status: z.enum(['created', 'unchanged']) }),
  },

  indicators: {
    method: 'GET',
    path: '/indicators',
    summary:
      'Enrolled, attended, completed, leaders trained, activities and people reached; protected above the facilitator (programme to date, hidden units)',
    tag: 'indicators',
    roles: everyone,
    query: s.indicatorsQuery,
    response: s.indicatorsResponse,
  },
  exportAttendance: {
    method: 'GET',
    path: '/exports/attendance.csv',
    summary: 'A facilitator’s own attendance, one row per woman per session, as CSV (audited)',
    tag: 'exports',
    roles: readModel.memberActivity,
    query: s.exportQuery,
    response: 'text/csv',
  },
  exportIndicators: {
    method: 'GET',
    path: '/exports/indicators.csv',
    summary: 'Indicators as CSV, protected above the facilitator as in /indicators (audited)',
    tag: 'exports',
    roles: everyone,
    query: s.indicatorsQuery,
    response: 'text/csv',
  },
  fidelity: {
    method: 'GET',
    path: '/fidelity',
    summary:
      'Per session and quarter, the share of deliveries that did each core step; hidden under the organisation’s threshold of deliveries (audited)',
    tag: 'indicators',
    roles: ['admin', 'coordinator'],
    query: fidelityQuery,
    response: fidelityResponse,
  },
  exportFidelity: {
    method: 'GET',
    path: '/exports/fidelity.csv',
    summary: 'Delivery fidelity as CSV for the process evaluation, protected as in /fidelity (audited)',
    tag: 'exports',
    roles: ['admin', 'coordinator'],
    query: fidelityQuery,
    response: 'text/csv',
  },
  auditLog: {
    method: 'GET',
    path: '/audit',
    summary:
      'The append-only audit log of writes, logins and exports, newest first, a page at a time (`next` → `cursor`)',
    tag: 'audit',
    roles: ['admin'],
    query: s.auditQuery,
    response: s.auditPage,
  },
} as const satisfies Record<string, Contract>;

export type ContractName = keyof typeof contracts;
