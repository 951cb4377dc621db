import type { z } from 'zod';
// Types only: the contracts' values are zod schemas, which the attendance screen must not download.
import type { contracts } from '../../api/v1/contracts.ts';
import type { ApiErrorBody } from '../../api/respond.ts';
import type { ErrorRule, RowError } from '../../attendance/errors.ts';

/** The browser's side of /api/v1, for the attendance screen: fetch, nothing more. */
const API = `${import.meta.env.BASE_URL}api/v1`;

/** No answer at all: no signal, or the server is unreachable. */
export class NoConnection extends Error {}

type ErrorDetails = {
  rows?: RowError[];
  rule?: ErrorRule;
  storedId?: string;
  version?: number;
  correctableUntil?: string;
};

/**
 * The server answered with an error: its status, code, the named rule it broke (what the app
 * acts on: never the message's wording), the bad rows, and what the rule names (the stored roll
 * call's id, its current version, the last day it could be corrected).
 */
export class Refusal extends Error {
  readonly status: number;
  readonly code: string;
  readonly rule: ErrorRule | undefined;
  readonly rows: RowError[];
  readonly storedId: string | undefined;
  readonly version: number | undefined;
  readonly correctableUntil: string | undefined;
  constructor(status: number, body: Partial<ApiErrorBody> & { error?: ErrorDetails }) {
    super(body.error?.message ?? `HTTP ${status}`);
    this.status = status;
    this.code = body.error?.code ?? 'unknown';
    this.rule = body.error?.rule;
    this.rows = body.error?.rows ?? [];
    this.storedId = body.error?.storedId;
    this.version = body.error?.version;
    this.correctableUntil = body.error?.correctableUntil;
  }
}

type Contracts = typeof contracts;

/**
 * The routes this screen calls, with their method and path. Typed by the contracts' own literal
 * types, so a route renamed or moved in contracts.ts fails `astro check` here; the values are
 * written out because importing contracts.ts itself would bundle zod (test/field-app pins them).
 */
export const routes: { readonly [N in RouteName]: readonly [Contracts[N]['method'], Contracts[N]['path']] } = {
  login: ['POST', '/auth/login'],
  createToken: ['POST', '/auth/tokens'],
  logout: ['POST', '/auth/logout'],
  listBanks: ['GET', '/banks'],
  listMembers: ['GET', '/banks/{bankId}/members'],
  saveAttendance: ['POST', '/attendance-batches'],
  listDeliveries: ['GET', '/banks/{bankId}/deliveries'],
  readAttendance: ['GET', '/deliveries/{deliveryId}/attendance'],
  correctAttendance: ['POST', '/deliveries/{deliveryId}/corrections'],
};
type RouteName =
  | 'login'
  | 'createToken'
  | 'logout'
  | 'listBanks'
  | 'listMembers'
  | 'saveAttendance'
  | 'listDeliveries'
  | 'readAttendance'
  | 'correctAttendance';

/** A contract's part (`params`, `query`, `body`) as the caller writes it, or never when it has none. */
type Part<N extends RouteName, K extends string> = Contracts[N] extends { [P in K]: infer S extends z.ZodType }
  ? z.input<S>
  : never;
type Request<N extends RouteName> = { token?: string } & ([Part<N, 'params'>] extends [never]
  ? unknown
  : { params: Part<N, 'params'> }) &
  ([Part<N, 'query'>] extends [never] ? unknown : { query?: Part<N, 'query'> }) &
  ([Part<N, 'body'>] extends [never] ? unknown : { body: Part<N, 'body'> });
/** What a route answers with: its contract's response, as the server's zod parse leaves it. */
export type ResponseOf<N extends RouteName> = Contracts[N]['response'] extends infer R extends z.ZodType
  ? z.output<R>
  : never;

/** `/banks/{bankId}/members` with `{ bankId }` filled in, each value URL-encoded. */
export function pathOf(template: string, params: Record<string, string> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${template}: no value for {${name}}`);
    return encodeURIComponent(value);
  });
}

/** Calls one route by its contract's name: path, method, body and answer all typed by the contract. */
export async function call<N extends RouteName>(name: N, request: Request<N>): Promise<ResponseOf<N>> {
  const [method, template] = routes[name];
  const { token, params, query, body } = request as {
    token?: string;
    params?: Record<string, string>;
    query?: Record<string, string>;
    body?: unknown;
  };
  const search = query ? `?${new URLSearchParams(query)}` : '';
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(API + pathOf(template, params) + search, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      // With a token the cookie is not needed; without one (sign-in) the cookie is the point.
      credentials: token ? 'omit' : 'same-origin',
      cache: 'no-store',
    });
  } catch {
    throw new NoConnection();
  }
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) throw new Refusal(response.status, answer);
  return answer as ResponseOf<N>;
}

/**
 * Signs in with the cookie route, then asks for a bearer token: the cookie lasts 12 hours, the
 * token 30 days, so roll calls saved without signal on Monday still reach the server on Friday.
 */
export async function signIn(email: string, password: string) {
  const { user } = await call('login', { body: { email, password } });
  const token = await call('createToken', { body: { label: 'Asistencia en el teléfono' } });
  return { user, ...token };
}

/**
 * Ends the token on the server (POST /auth/logout with it as bearer). True once the server no
 * longer honours it: revoked now, or already dead (401). False when there is no answer to be
 * had now (no signal, server down): the caller keeps a note and tries again.
 */
export async function revokeToken(token: string): Promise<boolean> {
  return settled(call('logout', { token }));
}

/** Ends this browser's session cookie (and, on the server, every token minted from it). */
export async function endCookieSession(): Promise<boolean> {
  return settled(call('logout', {}));
}

async function settled(request: Promise<unknown>): Promise<boolean> {
  try {
    await request;
    return true;
  } catch (error) {
    if (error instanceof Refusal && error.status === 401) return true;
    if (error instanceof NoConnection || error instanceof Refusal) return false;
    throw error;
  }
}

export const listBanks = (token: string) => call('listBanks', { token }).then((r) => r.banks);
export const listMembers = (token: string, bankId: string) =>
  call('listMembers', { token, params: { bankId } }).then((r) => r.members);
export const sendBatch = (token: string, batch: Part<'saveAttendance', 'body'>) =>
  call('saveAttendance', { token, body: batch });
/** A bank's roll calls on the server: for her, with version, counts and until when each may be corrected. */
export const listDeliveries = (token: string, bankId: string) =>
  call('listDeliveries', { token, params: { bankId } }).then((r) => r.deliveries);
/** One roll call as stored: which meeting, its version, its window and every mark. */
export const readRollCall = (token: string, deliveryId: string) =>
  call('readAttendance', { token, params: { deliveryId } });
export const sendCorrection = (token: string, deliveryId: string, correction: Part<'correctAttendance', 'body'>) =>
  call('correctAttendance', { token, params: { deliveryId }, body: correction });
