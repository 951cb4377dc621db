import { z } from 'zod';
import { ApiError } from '../errors.ts';

/** A position in the audit log, newest first: entries sharing a millisecond are ordered by id. */
export interface AuditPosition {
  at: string;
  id: string;
}

const position = z.tuple([z.iso.datetime(), z.uuid()]);

/** Opaque to clients (base64url of JSON), so the order can change without changing the API. */
export function encodeCursor(p: AuditPosition): string {
  return Buffer.from(JSON.stringify([p.at, p.id])).toString('base64url');
}

export function decodeCursor(cursor: string): AuditPosition {
  try {
    const [at, id] = position.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return { at, id };
  } catch {
    throw new ApiError(
      'invalid_request',
      'cursor: is not a cursor this API gave out; pass the `next` of the previous page unchanged.',
      { field: 'cursor' },
    );
  }
}
