import type { APIContext, APIRoute } from 'astro';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { getConnection } from '../attendance/db/connect.ts';
import type { DatabaseTables } from '../attendance/db/tables.ts';
import { ApiError } from '../attendance/errors.ts';
import type { Principal } from '../attendance/principal.ts';
import { authenticate as sessionFor, SESSION_COOKIE, type SessionRef } from '../attendance/auth/auth.service.ts';
import { indexCurriculum, type CurriculumIndex } from '../attendance/curriculum-index.ts';
import { getCurriculum } from '../curriculum/astro/curriculum.ts';
import organisation from 'virtual:tejido/organisation';
import { formatFieldPath } from '../curriculum/content-error.ts';
import { isUniqueViolation } from '../attendance/db/errors.ts';
import { handled, jsonResponse } from './respond.ts';
import { readBytes, readText, refuseDeclaredLength } from './body.ts';
import { forwardedRequest, publicUrl } from './forwarded-request.ts';
import { DEFAULT_MAX_BODY_BYTES, type Contract } from './v1/contracts.ts';

type Out<T> = T extends z.ZodType ? z.output<T> : undefined;
/** What a handler may answer: its contract's response shape (before the schema's own transforms), CSV text, or a Response it made itself. */
export type HandlerResult<C extends Contract> =
  Response | (C['response'] extends z.ZodType ? z.input<C['response']> : string);

export interface HandlerInput<C extends Contract> {
  params: Out<C['params']>;
  query: Out<C['query']>;
  body: Out<C['body']>;
  /** Undefined only on public routes. */
  principal: C['roles'] extends 'public' ? Principal | undefined : Principal;
  /** The session or token the request came with (its public id and kind); undefined when there is none. */
  session: C['roles'] extends 'public' ? SessionRef | undefined : SessionRef;
  db: Kysely<DatabaseTables>;
  curriculum: () => Promise<CurriculumIndex>;
  address: string | null;
  /** The URL as the public sees it (https behind a trusted TLS proxy): what the Secure cookie flag follows. */
  publicUrl: URL;
  context: APIContext;
}

let curriculumIndex: Promise<CurriculumIndex> | undefined;
const loadCurriculumIndex = () =>
  (curriculumIndex ??= getCurriculum().then((curriculum) => indexCurriculum(curriculum, organisation.disclosure)));

/**
 * Turns a contract and a handler into an Astro route: authenticate, check the role, parse
 * params, query and body with the contract's zod schemas, call the handler, answer JSON (or CSV).
 * Every failure leaves as `{ error: { code, message, field } }`.
 */
export function endpoint<C extends Contract>(
  contract: C,
  handler: (input: HandlerInput<C>) => Promise<HandlerResult<C>>,
): APIRoute {
  return handled(async (context: APIContext) => {
    const maxBodyBytes = contract.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    try {
      // Before anything else, even before signing in: an oversized upload costs one header.
      refuseDeclaredLength(context.request, maxBodyBytes);
      const { db } = await getConnection();
      const { principal, session } = (await authenticate(db, context)) ?? {};
      if (contract.roles !== 'public') {
        if (!principal) throw new ApiError('unauthenticated', 'Sign in first.');
        if (!contract.roles.includes(principal.role))
          throw new ApiError('forbidden', `This action is for: ${contract.roles.join(', ')}.`);
      }
      const params = parse(contract.params, context.params, '');
      const query = parse(contract.query, Object.fromEntries(context.url.searchParams), '');
      const body = contract.body
        ? parse(
            contract.body,
            await readBody(context.request, contract.bodyType ?? 'application/json', maxBodyBytes),
            '',
          )
        : undefined;
      const result = await handler({
        params,
        query,
        body,
        principal,
        session,
        db,
        curriculum: loadCurriculumIndex,
        address: clientAddress(context),
        publicUrl: publicUrl(context),
        context,
      } as HandlerInput<C>);
      if (result instanceof Response) return result;
      if (contract.response === 'text/csv') {
        return new Response(String(result), {
          headers: {
            'content-type': 'text/csv; charset=utf-8',
            'cache-control': 'no-store',
            'content-disposition': `attachment; filename="${contract.path.split('/').pop()}"`,
          },
        });
      }
      return jsonResponse(result, contract.status ?? 200);
    } catch (error) {
      if (error instanceof ApiError) {
        const retry = error.extra?.retryAfterSeconds;
        const response = jsonResponse(error.toJSON(), error.status);
        if (typeof retry === 'number') response.headers.set('retry-after', String(retry));
        return response;
      }
      // The database's unique constraints are the last word on duplicates: whatever race got
      // past a service's checks, the client hears "conflict", never "server fault".
      if (isUniqueViolation(error))
        return jsonResponse(
          new ApiError(
            'conflict',
            'This record was saved at the same moment by another request; read it again before retrying.',
          ).toJSON(),
          409,
        );
      throw error;
    }
  });
}

function parse<S extends z.ZodType | undefined>(schema: S, value: unknown, prefix: string) {
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = prefix + formatFieldPath(issue?.path ?? []);
  throw new ApiError('invalid_request', `${field || 'The request'}: ${issue?.message ?? 'is not valid'}`, {
    field: field || undefined,
  });
}

async function readBody(request: Request, type: 'application/json' | 'text/csv', maxBytes: number): Promise<unknown> {
  const contentType = request.headers.get('content-type') ?? '';
  // Requiring the exact media type keeps plain HTML forms on other sites from posting here.
  if (!contentType.startsWith(type))
    throw new ApiError('invalid_request', `Send the body as ${type}.`, { field: 'content-type' });
  // A CSV upload is handed on as bytes: a roster saved by Excel may be Windows-1252, which only
  // its reader can tell apart from UTF-8 (src/attendance/members/spreadsheet-text.ts).
  if (type === 'text/csv') return readBytes(request, maxBytes);
  const text = await readText(request, maxBytes);
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError('invalid_request', 'The body is not valid JSON.', { field: 'body' });
  }
}

async function authenticate(db: Kysely<DatabaseTables>, context: APIContext) {
  const header = context.request.headers.get('authorization');
  if (header?.startsWith('Bearer ')) {
    const found = await sessionFor(db, header.slice(7).trim(), 'bearer');
    if (!found) throw new ApiError('unauthenticated', 'The token is not valid or has expired. Sign in again.');
    return found;
  }
  const cookie = context.cookies.get(SESSION_COOKIE)?.value;
  return cookie ? sessionFor(db, cookie, 'cookie') : undefined;
}

/**
 * The one place the client's address is read (rate limits, audit log): the TCP peer, or what a
 * proxy named in TRUST_PROXY reported. A forged X-Forwarded-For from anyone else changes nothing.
 */
export function clientAddress(context: Pick<APIContext, 'request' | 'url' | 'clientAddress'>): string | null {
  return forwardedRequest(context).address;
}
