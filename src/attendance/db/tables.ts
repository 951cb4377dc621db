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
  banks: { id: string; organisationId: string; regionId: string; code: string; name: string; facilitatorId: string | null; createdAt: string };
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
    /** When her name and code were erased (Ley 29733, right of cancellation); null otherwise. */
    erasedAt: string | null;
  };
  deliveries: { id: string; bankId: string; sessionId: string; curriculumVersion: string; deliveredOn: string; facilitatorId: string; createdAt: string };
  attendance: { id: string; deliveryId: string; memberId: string; present: number; recordedBy: string; recordedAt: string };
  workshops: { id: string; regionId: string; title: string; startsOn: string; days: number; createdBy: string; createdAt: string };
  workshopParticipants: { id: string; workshopId: string; memberId: string; daysAttended: number; recordedBy: string; recordedAt: string };
  activities: {
    id: string;
    bankId: string;
    heldOn: string;
    place: string;
    activityType: string;
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
  rateLimits: { key: string; windowStartedAt: string; failures: number };
  loginThrottle: { key: string; account: string | null; attempts: number; refused: number; nextAllowedAt: string; lastAt: string };
  auditLog: { id: string; at: string; actorId: string | null; action: string; entity: string | null; entityId: string | null; address: string | null; detail: string | null };
}

