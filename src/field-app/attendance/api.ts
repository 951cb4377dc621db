import type { z } from 'zod';
import type {
  attendanceBatchBody,
  attendanceBatchResponse,
  attendanceRowSchema,
  bankSchema,
  correctionBody,
  correctionResponse,
  deliverySchema,
  memberSchema,
  rollCallSchema,
  tokenResponse,
  userSchema,
} from '../../attendance/api-schemas.ts';
import type { ApiErrorBody } from '../../api/respond.ts';
import type { ErrorRule, RowError } from '../../attendance/errors.ts';

/** The browser's side of /api/v1, for the attendance screen: fetch, nothing more. */
const API = `${import.meta.env.BASE_URL}api/v1`;

/** No answer at all: no signal, or the server is unreachable. */
export class NoConnection extends Error {}

type ErrorDetails = { rows?: RowError[]; rule?: ErrorRule; storedId?: string; version?: number; correctableUntil?: string };

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

async function call<T>(method: 'GET' | 'POST', path: string, options: { token?: string; json?: unknown } = {}): Promise<T> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.json !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(API + path, {
      method,
      headers,
      body: options.json === undefined ? undefined : JSON.stringify(options.json),
      // With a token the cookie is not needed; without one (sign-in) the cookie is the point.
      credentials: options.token ? 'omit' : 'same-origin',
      cache: 'no-store',
    });
  } catch {
    throw new NoConnection();
  }
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Refusal(response.status, body);
  return body as T;
}

type User = z.output<typeof userSchema>;

/**
 * Signs in with the cookie route, then asks for a bearer token: the cookie lasts 12 hours, the
 * token 30 days, so roll calls saved without signal on Monday still reach the server on Friday.
 */
export async function signIn(email: string, password: string) {
  const { user } = await call<{ user: User }>('POST', '/auth/login', { json: { email, password } });
  const token = await call<z.output<typeof tokenResponse>>('POST', '/auth/tokens', { json: { label: 'Asistencia en el teléfono' } });
  return { user, ...token };
}

/**
 * Ends the token on the server (POST /auth/logout with it as bearer). True once the server no
 * longer honours it: revoked now, or already dead (401). False when there is no answer to be
 * had now (no signal, server down): the caller keeps a note and tries again.
 */
export async function revokeToken(token: string): Promise<boolean> {
  return settled(call('POST', '/auth/logout', { token }));
}

/** Ends this browser's session cookie (and, on the server, every token minted from it). */
export async function endCookieSession(): Promise<boolean> {
  return settled(call('POST', '/auth/logout'));
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

export const listBanks = (token: string) => call<{ banks: z.output<typeof bankSchema>[] }>('GET', '/banks', { token }).then((r) => r.banks);
export const listMembers = (token: string, bankId: string) =>
  call<{ members: z.output<typeof memberSchema>[] }>('GET', `/banks/${encodeURIComponent(bankId)}/members`, { token }).then((r) => r.members);
export const sendBatch = (token: string, batch: z.input<typeof attendanceBatchBody>) =>
  call<z.output<typeof attendanceBatchResponse>>('POST', '/attendance-batches', { token, json: batch });
/** A bank's roll calls on the server: for her, with version, counts and until when each may be corrected. */
export const listDeliveries = (token: string, bankId: string) =>
  call<{ deliveries: z.output<typeof deliverySchema>[] }>('GET', `/banks/${encodeURIComponent(bankId)}/deliveries`, { token }).then((r) => r.deliveries);
/** One roll call as stored: which meeting, its version, its window and every mark. */
export const readRollCall = (token: string, deliveryId: string) =>
  call<{ delivery: z.output<typeof rollCallSchema>; attendance: z.output<typeof attendanceRowSchema>[] }>('GET', `/deliveries/${encodeURIComponent(deliveryId)}/attendance`, { token });
export const sendCorrection = (token: string, deliveryId: string, correction: z.input<typeof correctionBody>) =>
  call<z.output<typeof correctionResponse>>('POST', `/deliveries/${encodeURIComponent(deliveryId)}/corrections`, { token, json: correction });
