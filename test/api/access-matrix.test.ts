import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { contracts, type ContractName } from '../../src/api/v1/contracts.ts';
import { responseContractViolations } from '../../src/api/response-contract.ts';
import { databases, PASSWORD, seedWorld, startApi, type World } from '../support/api-world.ts';

/**
 * Every role against every endpoint. Each route of the contracts has one row: a concrete request
 * aimed at bank a1 (facilitator A's, region A) and the status each caller must get. A route added
 * to the contracts without a row here fails the first test.
 */

const callers = ['anonymous', 'admin', 'coordA', 'coordB', 'facA', 'facA2', 'facB'] as const;
type Caller = (typeof callers)[number];
type SignedIn = Exclude<Caller, 'anonymous'>;
const roleOf = {
  admin: 'admin',
  coordA: 'coordinator',
  coordB: 'coordinator',
  facA: 'facilitator',
  facA2: 'facilitator',
  facB: 'facilitator',
} as const;
const emailOf = (caller: SignedIn) =>
  caller === 'admin' ? 'admin@tejido.test' : `${caller.toLowerCase()}@tejido.test`;

/** Callers who may read bank a1, and those for whom it must look as if it did not exist. */
const readsA1: readonly Caller[] = ['admin', 'coordA', 'facA'];
const outsideA1 = ['anonymous', 'coordB', 'facA2', 'facB'] as const;
/** Callers who work in region A (its workshops and the region itself are theirs to see). */
const inRegionA: readonly Caller[] = ['admin', 'coordA', 'facA', 'facA2'];

/** Expected statuses, in the order of `callers`: anonymous, admin, coordA, coordB, facA, facA2, facB. */
function statuses(...codes: [number, number, number, number, number, number, number]): Record<Caller, number> {
  return Object.fromEntries(callers.map((c, i) => [c, codes[i]])) as Record<Caller, number>;
}

/** What a request is aimed at: bank a1 and its records, or (for the oracle test) ids that exist nowhere. */
interface Target {
  bankId: string;
  regionId: string;
  deliveryId: string;
  /** A roll call of a1 held 3 days ago: still within its correction window. */
  openDeliveryId: string;
  memberIds: string[];
  /** A workshop to add participants to: a fresh one in region A, or an id that exists nowhere. */
  workshopId: () => Promise<string>;
  /** A member to edit, withdraw or erase: a fresh one of bank a1 for each request, or an id that exists nowhere. */
  freshMemberId: () => Promise<string>;
}

interface Req {
  params?: Record<string, string>;
  query?: Record<string, string>;
  json?: unknown;
  csv?: string;
}

interface Answer {
  status: number;
  text: string;
  body: any;
  headers: Headers;
}

interface Row {
  /** The request; `caller` for routes about the caller's own sessions. */
  request: (target: Target, caller: Caller) => Req | Promise<Req>;
  expected: Record<Caller, number>;
  /** Sent with a session of its own, because the request ends the session it is sent with. */
  ownSession?: boolean;
  /** The request ends the caller's other sessions: every caller signs in again after the row. */
  endsOtherSessions?: boolean;
  /** Whether the route reaches bank a1's records (the oracle test compares it with a bank that does not exist). */
  aimsAtA1?: boolean;
  /** Content checks on a 2xx answer. */
  check?: (caller: Caller, answer: Answer) => void;
}

/** Fields that belong to one woman: none may reach a coordinator (her name is checked apart: users have display names too). */
const perMemberKeys = [
  'memberId',
  'memberCode',
  'enrolledOn',
  'present',
  'absent',
  'daysAttended',
  'participants',
  'trained',
];
/** What one woman did (and per-meeting head counts): none may reach the admin. */
const perMemberAttendanceKeys = [
  'present',
  'absent',
  'daysAttended',
  'participants',
  'trained',
  'sessions',
  'attendance',
];
/** Every key of every object in a JSON value. */
const keysIn = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.flatMap(keysIn)
    : value && typeof value === 'object'
      ? Object.entries(value).flatMap(([k, v]) => [k, ...keysIn(v)])
      : [];

const code = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;
const newMembers = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    id: randomUUID(),
    memberCode: code('N'),
    displayName: `Nueva Socia ${i}`,
    enrolledOn: '2026-05-01',
  }));
const activity = (bankId: string) => ({
  id: randomUUID(),
  bankId,
  heldOn: '2026-05-10',
  place: 'Plaza de Vilcashuamán',
  activityType: 'sociodrama',
  reached: { women: 30, men: 10, girls: 4, boys: 6 },
});

describe.each(databases)('every role against every endpoint on %s', (kind) => {
  let api: Awaited<ReturnType<typeof startApi>>;
  let world: World;
  const sessions = {} as Record<SignedIn, string>;
  /** Bank a1's seeded roster: its codes and names must reach only those who may read them. */
  const a1 = {
    members: Array.from({ length: 8 }, (_, i) => ({
      id: randomUUID(),
      memberCode: `WARMI-0${i + 1}`,
      displayName: `Rosa Quispe Huamán ${i + 1}`,
      enrolledOn: '2026-03-01',
    })),
    deliveryId: randomUUID(),
    openDeliveryId: randomUUID(),
    activityId: randomUUID(),
  };
  const a2 = {
    members: Array.from({ length: 6 }, (_, i) => ({
      id: randomUUID(),
      memberCode: `SUMAQ-0${i + 1}`,
      displayName: `Juana Mamani ${i + 1}`,
      enrolledOn: '2026-03-01',
    })),
  };
  const workshopA = randomUUID();
  const a1Codes = a1.members.map((m) => m.memberCode);
  const a1Names = a1.members.map((m) => m.displayName);
  /** Anything that identifies a1's members or records. */
  const a1Secrets = () => [
    ...a1Codes,
    ...a1Names,
    ...a1.members.map((m) => m.id),
    a1.deliveryId,
    a1.openDeliveryId,
    a1.activityId,
  ];
  const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

  let a1Target: Target;
  let nowhere: Target;

  async function signIn(email: string): Promise<string> {
    const response = await fetch(`${api.server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    expect(response.status, `sign-in as ${email}`).toBe(200);
    const cookie = response.headers.get('set-cookie')?.split(';')[0];
    if (!cookie) throw new Error(`no session cookie for ${email}`);
    return cookie;
  }

  async function send(
    name: ContractName,
    caller: Caller,
    req: Req,
    cookie = caller === 'anonymous' ? undefined : sessions[caller],
  ): Promise<Answer> {
    const contract = contracts[name];
    const path = contract.path.replace(/\{(\w+)\}/g, (_, key: string) => {
      const value = req.params?.[key];
      if (!value) throw new Error(`the ${name} row gives no value for {${key}}`);
      return value;
    });
    const query = req.query ? `?${new URLSearchParams(req.query)}` : '';
    const headers: Record<string, string> = { origin: api.server.url };
    if (cookie) headers.cookie = cookie;
    let body: string | undefined;
    if (req.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(req.json);
    } else if (req.csv !== undefined) {
      headers['content-type'] = 'text/csv';
      body = req.csv;
    }
    const response = await fetch(`${api.server.url}/api/v1${path}${query}`, {
      method: contract.method,
      headers,
      body,
      redirect: 'manual',
    });
    const text = await response.text();
    const json = (response.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : undefined;
    return { status: response.status, text, body: json, headers: response.headers };
  }

  const visible = (list: { id: string }[], id: string) => list.some((x) => x.id === id);

  /** A correction that changes one mark of the target's open roll call, based on its current version. */
  async function correctionOf(t: Target) {
    const memberId = t.memberIds[0] as string;
    const read =
      t.openDeliveryId === a1.openDeliveryId
        ? await send('readAttendance', 'facA', { params: { deliveryId: t.openDeliveryId } })
        : undefined;
    const mark = read?.body.attendance.find((r: { memberId: string }) => r.memberId === memberId);
    return {
      params: { deliveryId: t.openDeliveryId },
      json: {
        id: randomUUID(),
        basedOn: read?.body.delivery.version ?? 1,
        records: [{ memberId, present: !(mark?.present ?? true) }],
      },
    };
  }

  /** A token of the caller's own, minted with her session: its public id. */
  async function ownToken(caller: Caller): Promise<string> {
    if (caller === 'anonymous') return randomUUID();
    const made = await send('createToken', caller, { json: { label: 'Para revocar' } });
    expect(made.status).toBe(201);
    return made.body.id;
  }

  /** A facilitator made for one request (to deactivate, reset, unlock …), signed in once. */
  async function throwaway(): Promise<string> {
    const email = `${code('t').toLowerCase()}@tejido.test`;
    const made = await send('createUser', 'admin', {
      json: { email, displayName: 'Desechable', role: 'facilitator', password: PASSWORD },
    });
    expect(made.status).toBe(201);
    await signIn(email);
    return made.body.user.id;
  }

  /** A new facilitator with a set-up code (no password), for a first sign-in. */
  async function newcomer(): Promise<{ email: string; setupCode: string }> {
    const email = `${code('n').toLowerCase()}@tejido.test`;
    const made = await send('createUser', 'admin', {
      json: { email, displayName: 'Recién llegada', role: 'facilitator' },
    });
    expect(made.status).toBe(201);
    return { email, setupCode: made.body.setupCode.code };
  }

  const matrix: Record<ContractName, Row> = {
    login: {
      request: () => ({ json: { email: 'faca@tejido.test', password: PASSWORD } }),
      expected: statuses(200, 200, 200, 200, 200, 200, 200),
      check: (_, answer) => expect(answer.body.user.email).toBe('faca@tejido.test'),
    },
    logout: {
      request: () => ({}),
      ownSession: true,
      expected: statuses(401, 200, 200, 200, 200, 200, 200),
      check: (_, answer) => expect(answer.body).toEqual({ ok: true }),
    },
    createToken: {
      request: () => ({ json: { label: 'Teléfono de prueba' } }),
      expected: statuses(401, 201, 201, 201, 201, 201, 201),
      check: (_, answer) =>
        expect(answer.body).toEqual({
          id: expect.any(String),
          token: expect.any(String),
          expiresAt: expect.any(String),
        }),
    },
    listTokens: {
      request: () => ({}),
      expected: statuses(401, 200, 200, 200, 200, 200, 200),
      check: (_, answer) => {
        const tokens = answer.body.tokens as { current: boolean; kind: string }[];
        expect(tokens.filter((t) => t.current)).toEqual([expect.objectContaining({ kind: 'cookie' })]);
        // Ids, never the secrets or their hashes.
        expect(answer.text).not.toMatch(/"token"|tokenHash|token_hash/);
      },
    },
    revokeToken: {
      request: async (_, caller) => ({ params: { tokenId: await ownToken(caller) } }),
      expected: statuses(401, 200, 200, 200, 200, 200, 200),
      check: (_, answer) => expect(answer.body).toEqual({ revoked: 1 }),
    },
    setUpAccount: {
      // Public: she has no password yet. Each caller's request uses a code of its own.
      request: async () => ({ json: { ...(await newcomer()), newPassword: 'mi-clave-nueva-de-2026' } }),
      expected: statuses(200, 200, 200, 200, 200, 200, 200),
      check: (_, answer) => {
        expect(answer.body.user).toMatchObject({ role: 'facilitator', displayName: 'Recién llegada' });
        expect(answer.headers.get('set-cookie')).toMatch(/^tejido_session=/);
      },
    },
    changePassword: {
      // The same password again: the point is who may call it, and what it ends.
      request: () => ({ json: { currentPassword: PASSWORD, newPassword: PASSWORD } }),
      ownSession: true,
      endsOtherSessions: true,
      expected: statuses(401, 200, 200, 200, 200, 200, 200),
      check: (_, answer) => expect(answer.body.revoked).toBeGreaterThanOrEqual(1),
    },
    listUserTokens: {
      request: () => ({ params: { userId: world.users.facA.id } }),
      expected: statuses(401, 200, 403, 403, 403, 403, 403),
      check: (_, answer) => expect(answer.body.tokens.length).toBeGreaterThanOrEqual(1),
    },
    revokeUserToken: {
      request: async () => ({ params: { userId: world.users.facB.id, tokenId: await ownToken('facB') } }),
      expected: statuses(401, 200, 403, 403, 403, 403, 403),
      check: (_, answer) => expect(answer.body).toEqual({ revoked: 1 }),
    },
    revokeUserTokens: {
      request: async () => ({ params: { userId: await throwaway() } }),
      expected: statuses(401, 200, 403, 403, 403, 403, 403),
      check: (_, answer) => expect(answer.body).toEqual({ revoked: 1 }),
    },
    resetPassword: {
      request: async () => ({
        params: { userId: await throwaway() },
        json: { newPassword: 'otra-clave-bastante-larga' },
      }),
      expected: statuses(401, 200, 403, 403, 403, 403, 403),
      check: (_, answer) => expect(answer.body).toEqual({ revoked: 1 }),
    },
    deactivateUser: {
      request: async () => ({ params: { userId: await throwaway() } }),
      expected: statuses(401, 200, 403, 403, 403, 403, 403),
      check: (_, answer) => expect(answer.body).toEqual({ revoked: 1 }),
    },
    reactivateUser: {
      request: async () => ({ params: { userId: await throwaway() } }),
      expected: statuses(401, 200, 403, 403, 403, 403, 403),
      check: (_, answer) => expect(answer.body).toEqual({ ok: true }),
    },
    unlockUser: {
      request: async () => ({ params: { userId: await throwaway() } }),
      expected: statuses(401, 200, 403, 403, 403, 403, 403),
      // Her one good sign-in left one counter (per account, any address) to clear.
      check: (_, answer) => expect(answer.body).toEqual({ cleared: 1 }),
    },
    issueSetupCode: {
      request: async () => ({ params: { userId: await throwaway() } }),
      expected: statuses(401, 200, 403, 403, 403, 403, 403),
      check: (_, answer) =>
        expect(answer.body).toEqual({
          setupCode: {
            code: expect.stringMatching(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/),
            expiresAt: expect.any(String),
          },
          revoked: 1,
        }),
    },
    me: {
      request: () => ({}),
      expected: statuses(401, 200, 200, 200, 200, 200, 200),
      check: (caller, answer) =>
        expect(answer.body.user).toMatchObject({
          email: emailOf(caller as SignedIn),
          role: roleOf[caller as SignedIn],
        }),
    },
    listUsers: {
      request: () => ({}),
      expected: statuses(401, 200, 403, 403, 403, 403, 403),
      check: (_, answer) =>
        expect(answer.body.users.map((u: { email: string }) => u.email)).toEqual(
          expect.arrayContaining(['faca@tejido.test', 'facb@tejido.test', 'coordb@tejido.test']),
        ),
    },
    createUser: {
      request: () => ({
        json: {
          email: `${code('u').toLowerCase()}@tejido.test`,
          displayName: 'Nueva facilitadora',
          role: 'facilitator',
          password: PASSWORD,
        },
      }),
      expected: statuses(401, 201, 403, 403, 403, 403, 403),
    },
    listRegions: {
      request: () => ({}),
      expected: statuses(401, 200, 200, 200, 200, 200, 200),
      check: (caller, answer) =>
        expect(visible(answer.body.regions, world.regions.a), `${caller} sees region A`).toBe(
          inRegionA.includes(caller),
        ),
    },
    createRegion: {
      request: () => ({ json: { id: randomUUID(), code: code('R'), name: 'Apurímac' } }),
      expected: statuses(401, 201, 403, 403, 403, 403, 403),
    },
    listBanks: {
      request: () => ({}),
      expected: statuses(401, 200, 200, 200, 200, 200, 200),
      check: (caller, answer) => {
        expect(visible(answer.body.banks, world.banks.a1), `${caller} sees bank a1`).toBe(readsA1.includes(caller));
        if (caller === 'admin')
          expect(answer.body.banks.map((b: { id: string }) => b.id)).toEqual(
            expect.arrayContaining(Object.values(world.banks)),
          );
      },
    },
    createBank: {
      request: () => ({
        json: {
          id: randomUUID(),
          regionId: world.regions.a,
          code: code('BC'),
          name: 'Banco nuevo',
          facilitatorId: null,
        },
      }),
      expected: statuses(401, 201, 403, 403, 403, 403, 403),
    },
    assignBankFacilitator: {
      // To the facilitator it already has: the rows after this one need a1 to stay facilitator A's.
      request: (t) => ({ params: { bankId: t.bankId }, json: { facilitatorId: world.users.facA.id } }),
      expected: statuses(401, 200, 403, 403, 403, 403, 403),
      check: (_, answer) =>
        expect(answer.body.bank).toMatchObject({ id: world.banks.a1, facilitatorId: world.users.facA.id }),
    },

    listMembers: {
      request: (t) => ({ params: { bankId: t.bankId } }),
      aimsAtA1: true,
      // The roster is the facilitator's and the admin's (the organisation's client list); never the coordinator's.
      expected: statuses(401, 200, 403, 403, 200, 404, 404),
      check: (_, answer) => {
        const listed = answer.body.members as { memberCode: string; displayName?: string }[];
        expect(listed.map((m) => m.memberCode)).toEqual(expect.arrayContaining(a1Codes));
        expect(listed.map((m) => m.displayName)).toEqual(expect.arrayContaining(a1Names));
      },
    },
    saveMembers: {
      request: (t) => ({ params: { bankId: t.bankId }, json: { members: newMembers(2) } }),
      aimsAtA1: true,
      // The roster is kept by the bank's facilitator and by the admin (any bank of the organisation).
      expected: statuses(401, 200, 403, 403, 200, 404, 404),
      check: (_, answer) => expect(answer.body).toEqual({ created: 2, unchanged: 0 }),
    },
    importMembers: {
      request: (t) => ({
        params: { bankId: t.bankId },
        csv: `member_code,display_name,enrolled_on\n${code('C')},Socia del archivo,2026-05-02\n`,
      }),
      aimsAtA1: true,
      expected: statuses(401, 200, 403, 403, 200, 404, 404),
      check: (_, answer) => expect(answer.body).toEqual({ created: 1, unchanged: 0 }),
    },
    previewMembers: {
      request: (t) => ({
        params: { bankId: t.bankId },
        csv: `código;nombre;fecha de inscripción\n${code('P')};Socia por revisar;01/05/2026\n`,
      }),
      aimsAtA1: true,
      expected: statuses(401, 200, 403, 403, 200, 404, 404),
      check: (_, answer) =>
        expect(answer.body).toMatchObject({
          valid: 1,
          invalid: 0,
          delimiter: ';',
          rows: [{ line: 2, status: 'new', enrolledOn: '2026-05-01', problems: [] }],
        }),
    },
    memberTemplate: {
      request: () => ({ query: { lang: 'es' } }),
      expected: statuses(401, 200, 403, 403, 200, 200, 200),
      check: (_, answer) => expect(answer.text.replace(/^\uFEFF/, '')).toBe('código,nombre,fecha de inscripción\r\n'),
    },
    editMember: {
      request: async (t) => ({
        params: { memberId: await t.freshMemberId() },
        json: { displayName: 'Nombre Corregido' },
      }),
      aimsAtA1: true,
      expected: statuses(401, 200, 403, 403, 200, 404, 404),
      check: (_, answer) =>
        expect(answer.body.member).toMatchObject({ displayName: 'Nombre Corregido', withdrawnOn: null }),
    },
    withdrawMember: {
      request: async (t) => ({ params: { memberId: await t.freshMemberId() }, json: { withdrawnOn: '2026-06-01' } }),
      aimsAtA1: true,
      expected: statuses(401, 200, 403, 403, 200, 404, 404),
      check: (_, answer) => expect(answer.body.member.withdrawnOn).toBe('2026-06-01'),
    },
    reinstateMember: {
      request: async (t) => ({ params: { memberId: await t.freshMemberId() } }),
      aimsAtA1: true,
      expected: statuses(401, 200, 403, 403, 200, 404, 404),
      check: (_, answer) => expect(answer.body.member.withdrawnOn).toBeNull(),
    },
    eraseMember: {
      request: async (t) => ({ params: { memberId: await t.freshMemberId() } }),
      aimsAtA1: true,
      expected: statuses(401, 200, 403, 403, 200, 404, 404),
      check: (_, answer) => expect(answer.body).toEqual({ erased: true }),
    },
    memberRecord: {
      request: (t) => ({ params: { memberId: t.memberIds[0] as string } }),
      aimsAtA1: true,
      // Her roster fields for both who keep the roster; her roll calls for her facilitator only.
      expected: statuses(401, 200, 403, 403, 200, 404, 404),
      check: (caller, answer) => {
        expect(answer.body.member).toMatchObject({ memberCode: a1Codes[0], displayName: a1Names[0] });
        if (caller === 'facA')
          expect(answer.body.sessions).toEqual(
            expect.arrayContaining([
              { deliveredOn: '2026-04-12', sessionId: 'gv-espacio-de-confianza', present: true },
            ]),
          );
        else expect(answer.body).not.toHaveProperty('sessions');
      },
    },

    saveAttendance: {
      request: (t) => ({
        json: {
          delivery: {
            id: randomUUID(),
            bankId: t.bankId,
            sessionId: 'gv-violencia-no-es-normal',
            deliveredOn: '2026-05-03',
          },
          records: t.memberIds.map((memberId, i) => ({ id: randomUUID(), memberId, present: i % 2 === 0 })),
        },
      }),
      aimsAtA1: true,
      expected: statuses(401, 403, 403, 403, 200, 404, 404),
      check: (_, answer) =>
        expect(answer.body).toMatchObject({
          delivery: { status: 'created' },
          records: { created: a1.members.length, unchanged: 0 },
        }),
    },
    listDeliveries: {
      request: (t) => ({ params: { bankId: t.bankId } }),
      aimsAtA1: true,
      expected: statuses(401, 200, 200, 404, 200, 404, 404),
      check: (caller, answer) => {
        const delivery = (answer.body.deliveries as Record<string, unknown>[]).find((d) => d.id === a1.deliveryId);
        // Head counts of a meeting are the facilitator's: above her, which session was held and when.
        if (caller === 'facA') expect(delivery).toMatchObject({ present: 5, absent: 3 });
        else
          expect(delivery).toEqual({
            id: a1.deliveryId,
            bankId: world.banks.a1,
            sessionId: 'gv-espacio-de-confianza',
            curriculumVersion: expect.any(String),
            deliveredOn: '2026-04-12',
            correctableUntil: expect.any(String),
            correctable: expect.any(Boolean),
          });
      },
    },
    readAttendance: {
      request: (t) => ({ params: { deliveryId: t.deliveryId } }),
      aimsAtA1: true,
      expected: statuses(401, 403, 403, 403, 200, 404, 404),
      check: (_, answer) => {
        const rows = answer.body.attendance as { memberCode: string; displayName?: string }[];
        expect(rows.map((r) => r.memberCode)).toEqual(a1Codes);
        expect(rows.map((r) => r.displayName)).toEqual(a1Names);
        expect(answer.body.delivery).toMatchObject({ id: a1.deliveryId, version: 1, deliveredOn: '2026-04-12' });
      },
    },
    correctAttendance: {
      request: (t) => correctionOf(t),
      aimsAtA1: true,
      // Only the bank's own facilitator corrects its roll call: not the admin, not the coordinator.
      expected: statuses(401, 403, 403, 403, 200, 404, 404),
      check: (_, answer) =>
        expect(answer.body).toMatchObject({
          status: 'created',
          delivery: { id: a1.openDeliveryId, version: expect.any(Number) },
          changed: 1,
        }),
    },
    listAttendanceVersions: {
      request: (t) => ({ params: { deliveryId: t.deliveryId } }),
      aimsAtA1: true,
      expected: statuses(401, 403, 403, 403, 200, 404, 404),
      check: (_, answer) => {
        const versions = answer.body.versions as { version: number; marks: { memberCode: string }[] }[];
        expect(versions.map((v) => v.version)).toEqual([1]);
        expect(versions[0]?.marks.map((m) => m.memberCode)).toEqual(a1Codes);
      },
    },
    reopenAttendance: {
      request: (t) => ({ params: { deliveryId: t.deliveryId } }),
      aimsAtA1: true,
      // The admin reopens; her answer says which meeting and until when, never who came or how many.
      expected: statuses(401, 200, 403, 403, 403, 403, 403),
      check: (_, answer) =>
        expect(answer.body).toEqual({
          delivery: {
            id: a1.deliveryId,
            bankId: world.banks.a1,
            sessionId: 'gv-espacio-de-confianza',
            deliveredOn: '2026-04-12',
            correctableUntil: expect.any(String),
          },
        }),
    },

    listWorkshops: {
      request: () => ({}),
      expected: statuses(401, 200, 200, 200, 200, 200, 200),
      check: (caller, answer) =>
        expect(visible(answer.body.workshops, workshopA), `${caller} sees region A's workshop`).toBe(
          inRegionA.includes(caller),
        ),
    },
    createWorkshop: {
      request: (t) => ({
        json: { id: randomUUID(), regionId: t.regionId, title: 'Taller de lideresas', startsOn: '2026-06-01', days: 3 },
      }),
      aimsAtA1: true,
      expected: statuses(401, 200, 200, 404, 403, 403, 403),
      check: (_, answer) => expect(answer.body).toEqual({ status: 'created' }),
    },
    saveParticipants: {
      request: async (t) => ({
        params: { workshopId: await t.workshopId() },
        json: {
          participants: t.memberIds.slice(0, 3).map((memberId) => ({ id: randomUUID(), memberId, daysAttended: 3 })),
        },
      }),
      aimsAtA1: true,
      // Who took part is what a woman did: the admin or her own facilitator records it. Facilitator A2
      // works in region A but a1's women are not hers; facilitator B has no bank in region A.
      expected: statuses(401, 200, 403, 403, 200, 422, 404),
      check: (_, answer) => expect(answer.body).toEqual({ created: 3, unchanged: 0 }),
    },
    setParticipantDays: {
      request: async (t) => ({
        params: { workshopId: await t.workshopId() },
        json: { participants: t.memberIds.slice(0, 3).map((memberId, i) => ({ memberId, daysAttended: i })) },
      }),
      aimsAtA1: true,
      // The same callers as saveParticipants; the answer is the number of rows sent, nothing stored.
      expected: statuses(401, 200, 403, 403, 200, 422, 404),
      check: (_, answer) => expect(answer.body).toEqual({ saved: 3 }),
    },

    listActivities: {
      request: (t) => ({ query: { bankId: t.bankId } }),
      expected: statuses(401, 200, 200, 200, 200, 200, 200),
      check: (caller, answer) => {
        if (readsA1.includes(caller)) expect(visible(answer.body.activities, a1.activityId)).toBe(true);
        else expect(answer.body.activities).toEqual([]);
      },
    },
    saveActivity: {
      request: (t) => ({ json: activity(t.bankId) }),
      aimsAtA1: true,
      expected: statuses(401, 403, 403, 403, 200, 404, 404),
      check: (_, answer) => expect(answer.body).toEqual({ status: 'created' }),
    },

    indicators: {
      request: (t) => ({ query: { programmeId: 'imagen-peru', bankId: t.bankId } }),
      expected: statuses(401, 200, 200, 200, 200, 200, 200),
      check: (caller, answer) => {
        const total = answer.body.total as Record<string, number | string>;
        if (caller === 'facA') expect(total.enrolled).toBeGreaterThanOrEqual(a1.members.length);
        // a1 is a small bank (3 of its 8 never came): above the facilitator it is hidden whole.
        else if (readsA1.includes(caller))
          expect([total.enrolled, total.attendedAtLeastOne, total.completed, total.leadersTrained]).toEqual([
            'oculto',
            'oculto',
            'oculto',
            'oculto',
          ]);
        else
          expect(
            Object.values(total).every((v) => v === 0),
            `${caller} gets only zeros: ${JSON.stringify(total)}`,
          ).toBe(true);
        expect(answer.body.suppressed).toBe(roleOf[caller as SignedIn] !== 'facilitator');
      },
    },
    exportAttendance: {
      request: (t) => ({ query: { bankId: t.bankId } }),
      expected: statuses(401, 403, 403, 403, 200, 200, 200),
      check: (caller, answer) => {
        const lines = answer.text.trim().split(/\r?\n/);
        expect(lines[0]).toBe('bank_code,member_code,session_id,curriculum_version,delivered_on,present');
        if (caller === 'facA') for (const memberCode of a1Codes) expect(answer.text).toContain(memberCode);
        else expect(lines).toHaveLength(1);
      },
    },
    exportIndicators: {
      request: () => ({ query: { programmeId: 'imagen-peru' } }),
      expected: statuses(401, 200, 200, 200, 200, 200, 200),
      check: (caller, answer) =>
        expect(answer.text.includes('BC-A1'), `${caller} gets a row for BC-A1`).toBe(readsA1.includes(caller)),
    },
    fidelity: {
      request: () => ({ query: { programmeId: 'imagen-peru', quarter: '2026-Q2' } }),
      expected: statuses(401, 200, 200, 200, 403, 403, 403),
      check: (caller, answer) => {
        const units = (answer.body.bySession as { units: { level: string; code: string | null }[] }[]).map((s) =>
          s.units.map((u) => `${u.level}:${u.code ?? ''}`),
        );
        expect(units.length).toBeGreaterThanOrEqual(1);
        // The admin reads the organisation and every region (AYA and HVC among them); a coordinator her own region only.
        const expected =
          caller === 'admin'
            ? expect.arrayContaining(['organisation:', 'region:AYA', 'region:HVC'])
            : [caller === 'coordA' ? 'region:AYA' : 'region:HVC'];
        for (const levels of units) expect(levels).toEqual(expected);
        if (caller === 'admin') for (const levels of units) expect(levels[0]).toBe('organisation:');
      },
    },
    exportFidelity: {
      request: () => ({ query: { programmeId: 'imagen-peru', quarter: '2026-Q2' } }),
      expected: statuses(401, 200, 200, 200, 403, 403, 403),
      check: (_, answer) =>
        expect(answer.text.split(/\r?\n/)[0]).toBe(
          'quarter,session_id,level,region_code,step_index,step_title,deliveries,done,share',
        ),
    },
    auditLog: {
      request: () => ({ query: { limit: '500' } }),
      expected: statuses(401, 200, 403, 403, 403, 403, 403),
      check: (_, answer) =>
        expect(answer.body.entries.map((e: { action: string }) => e.action)).toEqual(
          expect.arrayContaining(['attendance.save', 'members.save']),
        ),
    },
  };

  beforeAll(async () => {
    api = await startApi(kind, 'matrix');
    world = await seedWorld(api.server.url, api.admin);
    for (const caller of callers) if (caller !== 'anonymous') sessions[caller] = await signIn(emailOf(caller));

    const facA = world.users.facA.client;
    const facA2 = world.users.facA2.client;
    expect((await facA.post(`/api/v1/banks/${world.banks.a1}/members`, { members: a1.members })).status).toBe(200);
    const roll = {
      delivery: {
        id: a1.deliveryId,
        bankId: world.banks.a1,
        sessionId: 'gv-espacio-de-confianza',
        deliveredOn: '2026-04-12',
      },
      records: a1.members.map((m, i) => ({ id: randomUUID(), memberId: m.id, present: i < 5 })),
    };
    expect((await facA.post('/api/v1/attendance-batches', roll)).status).toBe(200);
    const recent = {
      delivery: {
        id: a1.openDeliveryId,
        bankId: world.banks.a1,
        sessionId: 'gv-violencia-no-es-normal',
        deliveredOn: daysAgo(3),
      },
      // The same women as at the first meeting: 3 of the 8 never came (the indicators row counts on it).
      records: a1.members.map((m, i) => ({ id: randomUUID(), memberId: m.id, present: i < 5 })),
    };
    expect((await facA.post('/api/v1/attendance-batches', recent)).status).toBe(200);
    expect((await facA.post('/api/v1/activities', { ...activity(world.banks.a1), id: a1.activityId })).status).toBe(
      200,
    );
    // Facilitator A2 has data of her own, so an empty answer to her is not mistaken for scoping.
    expect((await facA2.post(`/api/v1/banks/${world.banks.a2}/members`, { members: a2.members })).status).toBe(200);
    const roll2 = {
      delivery: {
        id: randomUUID(),
        bankId: world.banks.a2,
        sessionId: 'gv-espacio-de-confianza',
        deliveredOn: '2026-04-13',
      },
      records: a2.members.map((m) => ({ id: randomUUID(), memberId: m.id, present: true })),
    };
    expect((await facA2.post('/api/v1/attendance-batches', roll2)).status).toBe(200);
    expect(
      (
        await world.users.coordA.client.post('/api/v1/workshops', {
          id: workshopA,
          regionId: world.regions.a,
          title: 'Taller de lideresas 1',
          startsOn: '2026-05-20',
          days: 3,
        })
      ).status,
    ).toBe(200);

    a1Target = {
      bankId: world.banks.a1,
      regionId: world.regions.a,
      deliveryId: a1.deliveryId,
      openDeliveryId: a1.openDeliveryId,
      memberIds: a1.members.map((m) => m.id),
      workshopId: async () => {
        const id = randomUUID();
        // With the matrix's own admin session: rows that end sessions sign the matrix's callers in again.
        const made = await send('createWorkshop', 'admin', {
          json: { id, regionId: world.regions.a, title: 'Taller de lideresas', startsOn: '2026-06-01', days: 3 },
        });
        expect(made.status).toBe(200);
        return id;
      },
      freshMemberId: async () => {
        const [member] = newMembers(1);
        const made = await send('saveMembers', 'facA', {
          params: { bankId: world.banks.a1 },
          json: { members: [member] },
        });
        expect(made.status).toBe(200);
        return (member as { id: string }).id;
      },
    };
    nowhere = {
      bankId: randomUUID(),
      regionId: randomUUID(),
      deliveryId: randomUUID(),
      openDeliveryId: randomUUID(),
      memberIds: a1.members.map(() => randomUUID()),
      // A real workshop of region A, so that only the women differ from a1Target's request.
      workshopId: a1Target.workshopId,
      freshMemberId: async () => randomUUID(),
    };
  });
  afterAll(() => api?.stop());

  test('the matrix has a row for every route in the contracts, and agrees with each route’s roles', () => {
    expect(Object.keys(matrix).sort()).toEqual(Object.keys(contracts).sort());
    for (const [name, row] of Object.entries(matrix) as [ContractName, Row][]) {
      const roles = contracts[name].roles;
      for (const caller of callers) {
        const status = row.expected[caller];
        if (caller === 'anonymous')
          expect(status === 401, `${name}: anonymous expects ${status}`).toBe(roles !== 'public');
        else if (roles !== 'public' && !(roles as readonly string[]).includes(roleOf[caller]))
          expect(status, `${name}: ${caller}'s role is not allowed`).toBe(403);
      }
    }
  });

  test.each(Object.keys(contracts) as ContractName[])(
    '%s answers each caller with the status its role and scope allow, and leaks nothing of bank a1',
    async (name) => {
      const row = matrix[name];
      expect(row, `no matrix row for ${name}`).toBeDefined();
      const answers = {} as Record<Caller, Answer>;
      for (const caller of callers) {
        const request = await row.request(a1Target, caller);
        const cookie = row.ownSession && caller !== 'anonymous' ? await signIn(emailOf(caller)) : undefined;
        answers[caller] = await send(name, caller, request, cookie);
        if (row.endsOtherSessions && caller !== 'anonymous') sessions[caller] = await signIn(emailOf(caller));
      }
      const got = Object.fromEntries(callers.map((c) => [c, answers[c].status]));
      expect(
        got,
        Object.entries(answers)
          .map(([c, a]) => `${c}: ${a.status} ${a.text.slice(0, 160)}`)
          .join('\n'),
      ).toEqual(row.expected);

      for (const caller of callers) {
        const answer = answers[caller];
        const refused = answer.status >= 400;
        // A refusal, or any answer to someone outside a1's scope, says nothing about a1's members.
        if (refused || (outsideA1 as readonly Caller[]).includes(caller)) {
          expect(
            a1Secrets().filter((s) => answer.text.includes(s)),
            `${caller} got a1's data from ${name}`,
          ).toEqual([]);
        }
        if (refused) expect(answer.body?.error?.code, `${caller}: ${answer.text}`).toEqual(expect.any(String));
        // Names reach the bank's own facilitator, and the admin who keeps the roster (listMembers, memberRecord) only.
        if (caller !== 'facA' && !(caller === 'admin' && (name === 'listMembers' || name === 'memberRecord')))
          expect(
            a1Names.filter((n) => answer.text.includes(n)),
            `${caller} got a1's names from ${name}`,
          ).toEqual([]);
        if (!refused) row.check?.(caller, answer);
        // Every 2xx JSON body keeps its contract: no undeclared field, no value the schema refuses.
        const response = contracts[name].response;
        if (!refused && response !== 'text/csv' && answer.body !== undefined)
          expect(
            responseContractViolations(response, answer.body),
            `${caller}: ${name} broke its response contract`,
          ).toEqual([]);
        // The read model, checked on every answer: the coordinator gets no record about one woman,
        // the admin no attendance of one woman.
        if (roleOf[caller as SignedIn] === 'coordinator') {
          expect(
            [...a1Codes, ...a1.members.map((m) => m.id)].filter((s) => answer.text.includes(s)),
            `${caller} got a1's member ids or codes from ${name}`,
          ).toEqual([]);
          expect(
            keysIn(answer.body).filter((k) => perMemberKeys.includes(k)),
            `${caller} got per-member fields from ${name}`,
          ).toEqual([]);
          expect(answer.text, `${caller} got a per-member CSV from ${name}`).not.toMatch(/member_code|enrolled_on/);
        }
        if (caller === 'admin') {
          expect(
            keysIn(answer.body).filter((k) => perMemberAttendanceKeys.includes(k)),
            `admin got per-member attendance from ${name}`,
          ).toEqual([]);
          expect(answer.text, `admin got per-member attendance from ${name}`).not.toMatch(
            /member_code.*present|daysAttended/,
          );
        }
      }
    },
  );

  test('a caller outside bank a1’s scope gets the same answer about it as about records that do not exist', async () => {
    const aimed = (Object.keys(matrix) as ContractName[]).filter((name) => matrix[name].aimsAtA1);
    expect(aimed.length).toBeGreaterThanOrEqual(9);
    for (const name of aimed) {
      for (const caller of outsideA1) {
        const real = await send(name, caller, await matrix[name].request(a1Target, caller));
        const fake = await send(name, caller, await matrix[name].request(nowhere, caller));
        expect(real.status, `${caller} ${name}`).toBeGreaterThanOrEqual(400);
        expect({ status: real.status, body: real.body }, `${caller} ${name}`).toEqual({
          status: fake.status,
          body: fake.body,
        });
      }
    }
  });

  test('facilitator A2’s attendance export, filtered to a1 or not, holds none of a1’s member codes', async () => {
    const all = await send('exportAttendance', 'facA2', {});
    expect(all.status).toBe(200);
    expect(all.headers.get('content-type')).toContain('text/csv');
    // Her own bank is in it, so the export is not simply empty.
    for (const m of a2.members) expect(all.text).toContain(m.memberCode);
    expect(a1Codes.filter((c) => all.text.includes(c))).toEqual([]);
    expect(all.text).not.toContain('BC-A1');

    const filtered = await send('exportAttendance', 'facA2', { query: { bankId: world.banks.a1 } });
    expect(filtered.status).toBe(200);
    expect(a1Codes.filter((c) => filtered.text.includes(c))).toEqual([]);
    expect(filtered.text.trim().split(/\r?\n/)).toHaveLength(1);

    // The same export for facilitator A has a1's codes and, being pseudonymous, none of the names.
    const own = await send('exportAttendance', 'facA', {});
    for (const c of a1Codes) expect(own.text).toContain(c);
    expect(a1Names.filter((n) => own.text.includes(n))).toEqual([]);
    expect(own.text).not.toContain(a2.members[0]!.memberCode);
  });
});
