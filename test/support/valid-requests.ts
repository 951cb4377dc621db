import { randomUUID } from 'node:crypto';
import type { ContractName } from '../../src/api/v1/contracts.ts';
import { PASSWORD, type World } from './api-world.ts';

export type Caller = 'anonymous' | 'admin' | 'coordA' | 'facA';

export interface ValidRequest {
  /** Who may send it: the request succeeds (2xx) as this caller. */
  caller: Caller;
  params?: Record<string, string>;
  query?: Record<string, string>;
  json?: Record<string, unknown>;
  csv?: string;
}

/** What the requests point at: bank a1 of the seeded world, its members, a workshop of region A. */
export interface Fixtures {
  world: World;
  memberIds: string[];
  workshopId: string;
}

/**
 * One request per route that the API accepts, with fresh ids each call: the starting point for
 * tests that change one field at a time (NUL, lone surrogates) and for the fuzzer's near-valid bodies.
 */
export function validRequests({ world, memberIds, workshopId }: Fixtures): Record<ContractName, ValidRequest> {
  const bank = { bankId: world.banks.a1 };
  const code = () => `C-${randomUUID().slice(0, 8)}`;
  return {
    login: { caller: 'anonymous', json: { email: 'faca@tejido.test', password: 'una-clave-muy-larga-2026' } },
    logout: { caller: 'facA' },
    createToken: { caller: 'facA', json: { label: 'Teléfono de Rosa' } },
    listTokens: { caller: 'facA' },
    revokeToken: { caller: 'facA', params: { tokenId: randomUUID() } },
    me: { caller: 'facA' },
    // The same password again: the request is valid and changes nothing the other tests rely on.
    changePassword: { caller: 'facA', json: { currentPassword: PASSWORD, newPassword: PASSWORD } },
    // Valid in shape; the code is wrong, so it is refused as a guess (a 401 under the throttle).
    setUpAccount: {
      caller: 'anonymous',
      json: { email: 'coordb@tejido.test', setupCode: '7KAM-3XRD-9PHT', newPassword: PASSWORD },
    },
    listUsers: { caller: 'admin' },
    listUserTokens: { caller: 'admin', params: { userId: world.users.facA.id } },
    revokeUserToken: { caller: 'admin', params: { userId: world.users.facA.id, tokenId: randomUUID() } },
    // Coordinator B is in no request of these tests: her sessions may end.
    revokeUserTokens: { caller: 'admin', params: { userId: world.users.coordB.id } },
    resetPassword: { caller: 'admin', params: { userId: world.users.coordB.id }, json: { newPassword: PASSWORD } },
    deactivateUser: { caller: 'admin', params: { userId: world.users.coordB.id } },
    reactivateUser: { caller: 'admin', params: { userId: world.users.coordB.id } },
    unlockUser: { caller: 'admin', params: { userId: world.users.coordB.id } },
    issueSetupCode: { caller: 'admin', params: { userId: world.users.coordB.id } },
    createUser: {
      caller: 'admin',
      json: {
        id: randomUUID(),
        email: `${randomUUID().slice(0, 8)}@tejido.test`,
        displayName: 'Nueva',
        role: 'coordinator',
        regionId: world.regions.a,
        password: 'una-clave-muy-larga-2026',
      },
    },
    listRegions: { caller: 'admin' },
    createRegion: { caller: 'admin', json: { id: randomUUID(), code: code(), name: 'Apurímac' } },
    listBanks: { caller: 'admin' },
    createBank: {
      caller: 'admin',
      json: {
        id: randomUUID(),
        regionId: world.regions.a,
        code: code(),
        name: 'Banco Nuevo',
        facilitatorId: world.users.facA.id,
      },
    },
    // The bank stays with its facilitator: the point is the request's shape.
    assignBankFacilitator: { caller: 'admin', params: bank, json: { facilitatorId: world.users.facA.id } },
    listMembers: { caller: 'facA', params: bank },
    saveMembers: {
      caller: 'facA',
      params: bank,
      json: {
        members: [{ id: randomUUID(), memberCode: code(), displayName: 'Rosa Quispe', enrolledOn: '2026-03-01' }],
      },
    },
    importMembers: {
      caller: 'facA',
      params: bank,
      csv: `member_code,display_name,enrolled_on\n${code()},Rosa Quispe,2026-03-01\n`,
    },
    previewMembers: {
      caller: 'admin',
      params: bank,
      csv: `código;nombre;fecha de inscripción\n${code()};Rosa Quispe;01/03/2026\n`,
    },
    memberTemplate: { caller: 'facA', query: { lang: 'es' } },
    editMember: {
      caller: 'facA',
      params: { memberId: memberIds[2] as string },
      json: { memberCode: code(), displayName: 'Rosa Quispe', enrolledOn: '2026-03-01' },
    },
    withdrawMember: {
      caller: 'admin',
      params: { memberId: memberIds[2] as string },
      json: { withdrawnOn: '2026-06-01' },
    },
    reinstateMember: { caller: 'facA', params: { memberId: memberIds[2] as string } },
    // The last member: erasing her is the one request here that cannot be sent twice.
    eraseMember: { caller: 'facA', params: { memberId: memberIds[memberIds.length - 1] as string } },
    memberRecord: { caller: 'facA', params: { memberId: memberIds[0] as string } },
    saveAttendance: {
      caller: 'facA',
      json: {
        delivery: {
          id: randomUUID(),
          bankId: world.banks.a1,
          sessionId: 'gv-espacio-de-confianza',
          deliveredOn: '2026-04-12',
        },
        records: [{ id: randomUUID(), memberId: memberIds[0] as string, present: true }],
      },
    },
    listDeliveries: { caller: 'facA', params: bank },
    readAttendance: { caller: 'facA', params: { deliveryId: randomUUID() } },
    correctAttendance: {
      caller: 'facA',
      params: { deliveryId: randomUUID() },
      json: { id: randomUUID(), basedOn: 1, records: [{ memberId: memberIds[0] as string, present: false }] },
    },
    listAttendanceVersions: { caller: 'facA', params: { deliveryId: randomUUID() } },
    reopenAttendance: { caller: 'admin', params: { deliveryId: randomUUID() } },
    listWorkshops: { caller: 'coordA' },
    createWorkshop: {
      caller: 'coordA',
      json: {
        id: randomUUID(),
        regionId: world.regions.a,
        title: 'Taller de lideresas',
        startsOn: '2026-05-04',
        days: 3,
        place: 'Local comunal de Huanta',
      },
    },
    saveParticipants: {
      caller: 'admin',
      params: { workshopId },
      json: { participants: [{ id: randomUUID(), memberId: memberIds[1] as string, daysAttended: 2 }] },
    },
    setParticipantDays: {
      caller: 'admin',
      params: { workshopId },
      json: { participants: [{ memberId: memberIds[2] as string, daysAttended: 1 }] },
    },
    listActivities: { caller: 'facA', query: { from: '2026-01-01', to: '2026-12-31', bankId: world.banks.a1 } },
    saveActivity: {
      caller: 'facA',
      json: {
        id: randomUUID(),
        bankId: world.banks.a1,
        heldOn: '2026-05-01',
        place: 'Plaza de Vilcashuamán',
        activityType: 'feria',
        reached: { women: 40, men: 12, girls: 5, boys: 3 },
      },
    },
    // Above the facilitator, figures about women are programme to date: no from/to.
    indicators: { caller: 'coordA', query: { programmeId: 'imagen-peru', regionId: world.regions.a, groupBy: 'bank' } },
    exportAttendance: { caller: 'facA', query: { from: '2026-01-01', to: '2026-12-31', bankId: world.banks.a1 } },
    exportIndicators: { caller: 'admin', query: { programmeId: 'imagen-peru', groupBy: 'region' } },
    fidelity: { caller: 'coordA', query: { programmeId: 'imagen-peru', quarter: '2026-Q2' } },
    exportFidelity: { caller: 'admin', query: { programmeId: 'imagen-peru' } },
    auditLog: { caller: 'admin', query: { limit: '5', before: '2030-01-01T00:00:00Z' } },
  };
}

/** Fills an OpenAPI path such as /banks/{bankId}/members. */
export const pathOf = (template: string, params: Record<string, string> = {}) =>
  '/api/v1' + template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
