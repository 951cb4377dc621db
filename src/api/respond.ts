import { randomUUID } from 'node:crypto';
import { faultForLog } from './fault-log.ts';

/** Every API error has this one shape, whatever the route. */
export interface ApiErrorBody {
  error: { code: string; message: string; field?: string; requestId?: string };
}

export function jsonResponse(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { 'cache-control': 'no-store' } });
}

export function errorResponse(status: number, code: string, message: string, field?: string): Response {
  return jsonResponse({ error: { code, message, ...(field ? { field } : {}) } } satisfies ApiErrorBody, status);
}

/**
 * Wraps a handler so an unexpected fault becomes a 500 with a request id: the details go to the
 * server log, never to the client (a stack trace can reveal data about the women in the programme).
 */
export function handled<C>(handler: (context: C) => Promise<Response>): (context: C) => Promise<Response> {
  return async (context) => {
    try {
      return await handler(context);
    } catch (fault) {
      const requestId = randomUUID();
      // Never the fault's message: it may quote a row (fault-log.ts).
      console.error(`[api] request ${requestId} failed: ${faultForLog(fault)}`);
      return jsonResponse(
        {
          error: {
            code: 'internal_error',
            message: 'Something went wrong on the server. Try again; if it keeps failing, give this id to support.',
            requestId,
          },
        } satisfies ApiErrorBody,
        500,
      );
    }
  };
}
