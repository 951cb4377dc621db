import type { activityTypes } from '../../curriculum/schemas/vocabulary.ts';
/**
 * Table types for Kysely, in camelCase (the CamelCasePlugin maps them to the snake_case columns
 * of the migrations). Row types stay inside repositories; services return domain objects.
 */
export type Role = 'admin' | 'coordinator' | 'facilitator';

export interface DatabaseTables {
  installation: { id: number; createdAt: string };
  organisations: { id: string; name: string; createdAt: string };
  regions: { id: string; organisationId: string; code: string; name: string; createdAt: string };
  users: {
    id: string;
    organisationId: string;
    email: string;
    displayName: string;
    role: Role;
    regionId: string | null;
    passwordHash: string;
    createdAt: string;
    disabledAt: string | null;
  };
  banks: {
    id: string;
    organisationId: string;
    regionId: string;
    code: string;
    name: string;
    facilitatorId: string | null;
    createdAt: string;
  };
  members: {
    id: string;
    bankId: string;
    /** Unique in the bank whatever the case (migration 0007); `~<id>` once erased. */
    memberCode: string;
    /** Empty once erased. */
    displayName: string;
    enrolledOn: string;
    createdAt: string;
    /** The day she left the bank (a baja), YYYY-MM-DD; null while she is a member. */
    withdrawnOn: string | null;
    /** When her name and code were erased (her right under Ley 29733); null otherwise. */
    erasedAt: string | null;
  };
  deliveries: {
    id: string;
    bankId: string;
    sessionId: string;
    curriculumVersion: string;
    deliveredOn: string;
    facilitatorId: string;
    createdAt: string;
    /** The roll call's current version: 1 as first sent, one more per correction (migration 0008). */
    version: number;
    /** Last day (YYYY-MM-DD) of a window the admin reopened; null when never reopened. */
    reopenedUntil: string | null;
  };
  attendance: {
    id: string;
    deliveryId: string;
    memberId: string;
    present: number;
    recordedBy: string;
    recordedAt: string;
  };
  /** One row per version of a roll call: who saved it and when. Append-only (grants.ts). */
  rollCallVersions: {
    id: string;
    deliveryId: string;
    version: number;
    basedOn: number | null;
    recordedBy: string;
    recordedAt: string;
    changed: number;
    /** 1 when this version says which agenda steps were done (maybe none), 0 when it does not say (migration 0013). */
    stepsReported: number;
  };
  /** Every mark of every version, so a correction never overwrites what was there before. Append-only. */
  attendanceVersions: { deliveryId: string; version: number; memberId: string; present: number };
  /**
   * What the indicators count, kept in step with attendance in the same transaction (migration
   * 0012, indicators/member-sessions.ts): one row per session of a bank a member was marked present
   * at, with how many of its meetings that was. No row when none.
   */
  memberSessions: { bankId: string; memberId: string; sessionId: string; meetings: number };
  /**
   * A random token per bank, new with every write that changes its member_sessions, in the same
   * transaction (migration 0014, indicators/bank-changes.ts): readers count again only banks whose
   * token moved. No row: not written since the migration.
   */
  bankChanges: { bankId: string; change: string };
  /** The agenda steps (0-based indexes) a version of a roll call says were done. Append-only (grants.ts). */
  deliverySteps: { deliveryId: string; version: number; stepIndex: number };
  workshops: {
    id: string;
    regionId: string;
    title: string;
    startsOn: string;
    days: number;
    createdBy: string;
    createdAt: string;
    place: string | null;
  };
  workshopParticipants: {
    id: string;
    workshopId: string;
    memberId: string;
    daysAttended: number;
    recordedBy: string;
    recordedAt: string;
  };
  activities: {
    id: string;
    bankId: string;
    heldOn: string;
    place: string;
    /** One of the curriculum vocabulary's activity types: the API parses it before it is stored. */
    activityType: keyof typeof activityTypes;
    reachedWomen: number;
    reachedMen: number;
    reachedGirls: number;
    reachedBoys: number;
    recordedBy: string;
    recordedAt: string;
  };
  authSessions: {
    tokenHash: string;
    /** Public id: what lists show and revocations name. Null only in a row no code writes. */
    id: string | null;
    userId: string;
    kind: 'cookie' | 'bearer';
    label: string | null;
    /** The cookie session a bearer token was minted from. */
    parentId: string | null;
    createdAt: string;
    expiresAt: string;
    lastUsedAt: string | null;
    revokedAt: string | null;
  };
  /** A user's one-time set-up code (hash only), until she uses it to choose her password. */
  setupCodes: { userId: string; codeHash: string; expiresAt: string; createdAt: string; createdBy: string };
  rateLimits: { key: string; windowStartedAt: string; failures: number };
  loginThrottle: {
    key: string;
    account: string | null;
    attempts: number;
    refused: number;
    nextAllowedAt: string;
    lastAt: string;
  };
  auditLog: {
    id: string;
    at: string;
    actorId: string | null;
    action: string;
    entity: string | null;
    entityId: string | null;
    address: string | null;
    detail: string | null;
  };
}
