import type { z } from 'zod';
import type { attendanceBatchBody, attendanceBatchResponse, bankSchema, memberSchema, tokenResponse, userSchema } from '../../attendance/api-schemas.ts';
import type { ApiErrorBody } from '../../api/respond.ts';
import type { RowError } from '../../attendance/errors.ts';

/** The browser's side of /api/v1, for the attendance screen: fetch, nothing more. */
const API = `${import.meta.env.BASE_URL}api/v1`;

/** No answer at all: no signal, or the server is unreachable. */
export class NoConnection extends Error {}

/** The server answered with an error: its status, code and (for batches) the bad rows. */
export class Refusal extends Error {
  readonly status: number;
  readonly code: string;
  readonly rows: RowError[];
  constructor(status: number, body: Partial<ApiErrorBody> & { error?: { rows?: RowError[] } }) {
    super(body.error?.message ?? `HTTP ${status}`);
    this.status = status;
    this.code = body.error?.code ?? 'unknown';
    this.rows = body.error?.rows ?? [];
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
